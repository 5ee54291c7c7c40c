import { isValid } from 'postcode';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export function IsUkPostcode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isUkPostcode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a valid UK postcode', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValid(value),
      },
    });
  };
}
