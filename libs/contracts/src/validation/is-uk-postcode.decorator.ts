import { isValid } from 'postcode';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { textProblem } from './text.js';

export function IsUkPostcode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isUkPostcode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a valid UK postcode', ...options },
      validator: {
        validate: (value: unknown) =>
          textProblem(value, { max: 16 }) === null && isValid(value as string),
      },
    });
  };
}
