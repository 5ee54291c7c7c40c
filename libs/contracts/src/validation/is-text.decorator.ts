import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import { textProblem, trimText, type TextRules } from './text.js';

/**
 * A text field as the database will hold it: trimmed first (unless `trim: false`), then
 * measured in code points and screened for control characters and lone surrogates.
 */
export function IsText(rules: TextRules): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    if (rules.trim !== false) {
      Transform(({ value }: { value: unknown }) => trimText(value))(target, propertyName);
    }
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => textProblem(value, rules) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? String(propertyName)} ${textProblem(args?.value, rules)}`,
      },
    });
  };
}
