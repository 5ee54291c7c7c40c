import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsMoney } from '../validation/is-money.decorator.js';
import { IDEMPOTENCY_KEY_PATTERN } from '../validation/idempotency-key.js';

// A bank transfer costs the platform the same whatever its size: pennies are not paid out alone.
export const MIN_PAYOUT_POUNDS = 1;
export const MAX_PAYOUT_POUNDS = 50_000;

/** `escrow.payout.request`: money out of the caller's own wallet to their bank account. */
export class PayoutRequest {
  @ApiProperty({ example: 40, minimum: MIN_PAYOUT_POUNDS, maximum: MAX_PAYOUT_POUNDS })
  @IsMoney(MIN_PAYOUT_POUNDS, MAX_PAYOUT_POUNDS)
  amount!: number;

  @ApiPropertyOptional({ description: 'Also accepted as the Idempotency-Key header' })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY_PATTERN, {
    message: 'idempotency_key must be 8-128 characters of [A-Za-z0-9._:-]',
  })
  idempotency_key?: string;
}

/** `escrow.payout.get`: one of the caller's payouts. */
export class PayoutIdInput {
  @IsString()
  @Length(1, 64)
  payout_id!: string;
}
