import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { IsText } from '../validation/is-text.decorator.js';
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

/**
 * `jobs.lead.accept` data. The gateway adds the vendor's contact name and email from identity,
 * so that jobs-leads can reveal them to the customer once the lead is paid for.
 */
export class AcceptLeadInput extends AcceptLeadRequest {
  @IsString()
  @Length(1, 64)
  lead_id!: string;

  // As identity measures names: code points, like the database.
  @IsText({ min: 1, max: 100 })
  vendor_contact_name!: string;

  @IsText({ min: 3, max: 254 })
  @IsEmail()
  vendor_contact_email!: string;
}

/** Conversations list at most this many, so one call names every one's other party. */
export const MAX_LEAD_CONTACTS = 100;

/** `jobs.lead.contacts` data: the leads whose other party the caller wants to know. */
export class LeadContactsInput {
  @IsArray()
  @ArrayMaxSize(MAX_LEAD_CONTACTS)
  @IsUUID('all', { each: true })
  lead_ids!: string[];
}

/** `jobs.lead.get` data. Any string: an id that is no lead answers 404 like an unknown one. */
export class LeadIdInput {
  @IsString()
  @Length(1, 64)
  lead_id!: string;
}
