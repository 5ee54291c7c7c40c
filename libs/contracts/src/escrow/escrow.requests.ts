import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsBase64,
  IsObject,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { IsMoney } from '../validation/is-money.decorator.js';

/** Caller-chosen key that makes a money movement safe to retry. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export const MIN_DEPOSIT_POUNDS = 1;
export const MAX_DEPOSIT_POUNDS = 50_000;
/** A lead never costs more than this (the pricing clamps at £25; the ledger allows headroom). */
export const MAX_LEAD_CHARGE_POUNDS = 1_000;

export class DepositRequest {
  @ApiProperty({ example: 100, minimum: MIN_DEPOSIT_POUNDS, maximum: MAX_DEPOSIT_POUNDS })
  @IsMoney(MIN_DEPOSIT_POUNDS, MAX_DEPOSIT_POUNDS)
  amount!: number;

  @ApiPropertyOptional({ description: 'Also accepted as the Idempotency-Key header' })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, {
    message: 'idempotency_key must be 8-128 characters of [A-Za-z0-9._:-]',
  })
  idempotency_key?: string;
}

/** `escrow.lead.charge`: a vendor pays a lead's price out of their wallet. Amount in pounds. */
export class ChargeLeadInput {
  @IsUUID()
  lead_id!: string;

  @IsUUID()
  vendor_id!: string;

  @IsMoney(0.01, MAX_LEAD_CHARGE_POUNDS)
  amount!: number;

  @Matches(IDEMPOTENCY_KEY, {
    message: 'idempotency_key must be 8-128 characters of [A-Za-z0-9._:-]',
  })
  idempotency_key!: string;
}

export const LEAD_REFUND_REASONS = [
  'customer_unresponsive',
  'invalid_contact',
  'duplicate_lead',
  'customer_dispute',
  'job_cancelled',
  'poor_quality',
  // The vendor paid but the acceptance could not be completed: they get everything back.
  'acceptance_failed',
] as const;

export type LeadRefundReason = (typeof LEAD_REFUND_REASONS)[number];

/**
 * `escrow.lead.refund`: returns part or all of one charge of a lead under the refund policy. The
 * charge is named by the idempotency key it was made with, never as "the lead's latest".
 */
export class RefundLeadInput {
  @IsUUID()
  lead_id!: string;

  @Matches(IDEMPOTENCY_KEY, {
    message: 'charge_key must be 8-128 characters of [A-Za-z0-9._:-]',
  })
  charge_key!: string;

  @IsIn(LEAD_REFUND_REASONS)
  reason!: LeadRefundReason;
}

/** Ledger entry ids are Postgres `bigint`s: 1 to 2^63 - 1, written in decimal. */
const MAX_ENTRY_ID = 2n ** 63n - 1n;

export function isEntryId(value: unknown): value is string {
  return (
    typeof value === 'string' && /^[1-9][0-9]{0,18}$/.test(value) && BigInt(value) <= MAX_ENTRY_ID
  );
}

function IsEntryId(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isEntryId',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: { validate: isEntryId },
    });
  };
}

/** Wallet statement paging: entries newest first; `cursor` is the last entry_id seen. */
export class WalletQuery {
  @ApiPropertyOptional({
    description: 'next_cursor of the previous page',
    pattern: '^[0-9]{1,19}$',
  })
  @IsOptional()
  @IsEntryId({ message: 'cursor must be an entry id' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** `escrow.payment.webhook`: the provider's request exactly as received, body base64-encoded. */
export class PaymentWebhookInput {
  @IsBase64()
  @Length(1, 200_000)
  raw_body_base64!: string;

  @IsObject()
  headers!: Record<string, string | undefined>;
}
