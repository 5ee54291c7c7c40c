import { registerDecorator } from 'class-validator';
import { isPoundsAmount, MAX_AMOUNT_POUNDS } from '../money/money.js';

/** A pounds amount: a finite number, a whole number of pence, within [min, max]. */
export function IsMoney(min = 0, max = MAX_AMOUNT_POUNDS): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isMoney',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `$property must be an amount in pounds from ${min} to ${max}, with at most 2 decimal places`,
      },
      validator: {
        validate: (value: unknown) => isPoundsAmount(value) && value >= min && value <= max,
      },
    });
  };
}
