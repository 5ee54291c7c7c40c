import { registerDecorator, type ValidationOptions } from 'class-validator';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { textProblem } from './text.js';

/** A callable UK number, in national (`07911 123456`) or international (`+44 7911 123456`) form. */
export function toUkE164(value: string): string | null {
  const parsed = parsePhoneNumberFromString(value, 'GB');
  // The +44 plan also covers Guernsey, Jersey and the Isle of Man, which UK trades serve.
  return parsed?.isValid() && parsed.countryCallingCode === '44' ? parsed.number : null;
}

export function IsUkPhone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isUkPhone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a valid UK phone number', ...options },
      validator: {
        // The parser skips characters it does not expect, so a NUL would pass it unseen.
        validate: (value: unknown) =>
          textProblem(value, { max: 30 }) === null && toUkE164(value as string) !== null,
      },
    });
  };
}
