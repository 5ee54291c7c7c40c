import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { MAX_QUOTE_MILESTONES, MAX_QUOTE_POUNDS } from '../jobs/quote.requests.js';
import { IsMoney } from '../validation/is-money.decorator.js';
import { IsText } from '../validation/is-text.decorator.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export class EscrowMilestoneInput {
  @IsText({ min: 1, max: 120 })
  title!: string;

  @IsMoney(0.01, MAX_QUOTE_POUNDS)
  amount!: number;
}

/**
 * `escrow.account.fund`: opens the job's escrow account with the accepted quote's milestones and
 * moves the quote's amount into it from the customer's wallet. Amounts in pounds.
 */
export class FundEscrowInput {
  @IsUUID()
  job_id!: string;

  @IsUUID()
  quote_id!: string;

  @IsUUID()
  customer_id!: string;

  @IsUUID()
  vendor_id!: string;

  @IsMoney(0.01, MAX_QUOTE_POUNDS)
  amount!: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUOTE_MILESTONES)
  @ValidateNested({ each: true })
  @Type(() => EscrowMilestoneInput)
  milestones!: EscrowMilestoneInput[];

  @Matches(IDEMPOTENCY_KEY, {
    message: 'idempotency_key must be 8-128 characters of [A-Za-z0-9._:-]',
  })
  idempotency_key!: string;
}

export const ESCROW_REFUND_REASONS = ['award_failed'] as const;
export type EscrowRefundReason = (typeof ESCROW_REFUND_REASONS)[number];

/**
 * `escrow.account.refund`: undoes one funding, named by its key: the money goes back to the
 * customer's wallet in a new ledger transaction. A funding that never happened is voided, so it
 * never will.
 */
export class RefundEscrowInput {
  @IsUUID()
  job_id!: string;

  @Matches(IDEMPOTENCY_KEY, {
    message: 'fund_key must be 8-128 characters of [A-Za-z0-9._:-]',
  })
  fund_key!: string;

  @IsIn(ESCROW_REFUND_REASONS)
  reason!: EscrowRefundReason;
}

/** Any string: an id that is no escrow of the caller's answers 404 like an unknown one. */
export class EscrowAccountIdInput {
  @IsString()
  @Length(1, 64)
  escrow_account_id!: string;
}

export class JobEscrowInput {
  @IsString()
  @Length(1, 64)
  job_id!: string;
}
