import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsUkPhone } from '../validation/is-uk-phone.decorator.js';

/**
 * `jobs.job.publish`: the gateway adds the customer's contact details from identity, so that
 * jobs-leads can reveal them to vendors who pay for the lead, and to no one else.
 */
export class PublishJobInput {
  @IsString()
  @Length(1, 64)
  job_id!: string;

  @IsString()
  @Length(1, 100)
  customer_name!: string;

  @IsEmail()
  customer_email!: string;

  @IsUkPhone()
  customer_phone!: string;
}

export const LEAD_DECLINE_REASONS = [
  'too_far',
  'too_busy',
  'not_my_trade',
  'budget_too_low',
  'other',
] as const;

export class DeclineLeadRequest {
  @ApiProperty({ enum: LEAD_DECLINE_REASONS })
  @IsIn(LEAD_DECLINE_REASONS)
  reason!: (typeof LEAD_DECLINE_REASONS)[number];
}

/** `jobs.lead.decline` data. */
export class DeclineLeadInput extends DeclineLeadRequest {
  @IsString()
  @Length(1, 64)
  lead_id!: string;
}

export class AcceptLeadRequest {
  @ApiPropertyOptional({ description: 'Also accepted as the Idempotency-Key header' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{8,128}$/, {
    message: 'idempotency_key must be 8-128 characters of [A-Za-z0-9._:-]',
  })
  idempotency_key?: string;
}

/** `jobs.lead.accept` data. */
export class AcceptLeadInput extends AcceptLeadRequest {
  @IsString()
  @Length(1, 64)
  lead_id!: string;
}

/** `jobs.lead.get` data. Any string: an id that is no lead answers 404 like an unknown one. */
export class LeadIdInput {
  @IsString()
  @Length(1, 64)
  lead_id!: string;
}
