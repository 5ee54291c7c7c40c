import { applyDecorators } from '@nestjs/common';
import { IsNumber, Max, Min } from 'class-validator';
import { MAX_AMOUNT_POUNDS } from '../money/money.js';

/** A pounds amount: a finite number, at most 2 decimal places, within [min, £10m]. */
export function IsMoney(min = 0): PropertyDecorator {
  return applyDecorators(
    IsNumber(
      { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false },
      { message: '$property must be an amount in pounds with at most 2 decimal places' },
    ),
    Min(min),
    Max(MAX_AMOUNT_POUNDS),
  );
}
