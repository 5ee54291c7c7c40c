import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsMoney } from '../validation/is-money.decorator.js';
import { IsText } from '../validation/is-text.decorator.js';

export const MAX_QUOTE_MILESTONES = 20;
/** A quote never asks for more than this (the API's general limit is higher). */
export const MAX_QUOTE_POUNDS = 1_000_000;

export class QuoteMilestoneRequest {
  @ApiProperty({ example: 'Remove old tiles', maxLength: 120 })
  @IsText({ min: 1, max: 120 })
  title!: string;

  @ApiProperty({ example: 60, description: 'Pounds, at most 2 decimal places' })
  @IsMoney(0.01, MAX_QUOTE_POUNDS)
  amount!: number;
}

/** Body of `POST /api/connection/quotes` and data of `jobs.quote.send`. Amounts in pounds. */
export class SendQuoteRequest {
  @ApiProperty({ description: 'A live job whose lead the vendor accepted' })
  @IsString()
  @Length(1, 64)
  job_id!: string;

  @ApiProperty({ example: 120, description: 'Pounds, at most 2 decimal places' })
  @IsMoney(0.01, MAX_QUOTE_POUNDS)
  amount!: number;

  @ApiProperty({ example: 'New washer installed, tested', maxLength: 2000 })
  @IsText({ min: 1, max: 2000, multiline: true })
  description!: string;

  @ApiProperty({ example: '2 hours', maxLength: 100 })
  @IsText({ min: 1, max: 100 })
  estimated_duration!: string;

  @ApiPropertyOptional({
    type: [QuoteMilestoneRequest],
    maxItems: MAX_QUOTE_MILESTONES,
    description:
      'Payment stages summing to the amount; without them the quote has one, "Complete the job"',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUOTE_MILESTONES)
  @ValidateNested({ each: true })
  @Type(() => QuoteMilestoneRequest)
  milestones?: QuoteMilestoneRequest[];
}

/** Body of `PATCH /api/connection/quotes/:quoteId`: what the vendor changes in a pending quote. */
export class UpdateQuoteRequest extends PartialType(OmitType(SendQuoteRequest, ['job_id'])) {}

/** Any string: an id that is no quote of the caller's answers 404 like an unknown one. */
export class QuoteIdInput {
  @IsString()
  @Length(1, 64)
  quote_id!: string;
}

/** `jobs.quote.update` data. */
export class UpdateQuoteInput extends UpdateQuoteRequest {
  @IsString()
  @Length(1, 64)
  quote_id!: string;
}

export class RejectQuoteRequest {
  @ApiPropertyOptional({ example: 'Too expensive for us', maxLength: 500 })
  @IsOptional()
  @IsText({ min: 1, max: 500, multiline: true })
  reason?: string;
}

/** `jobs.quote.reject` data. */
export class RejectQuoteInput extends RejectQuoteRequest {
  @IsString()
  @Length(1, 64)
  quote_id!: string;
}

export class AcceptQuoteRequest {
  @ApiPropertyOptional({ description: 'Also accepted as the Idempotency-Key header' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{8,128}$/, {
    message: 'idempotency_key must be 8-128 characters of [A-Za-z0-9._:-]',
  })
  idempotency_key?: string;
}

/** `jobs.quote.accept` data. */
export class AcceptQuoteInput extends AcceptQuoteRequest {
  @IsString()
  @Length(1, 64)
  quote_id!: string;
}

/** `GET /api/connection/quotes`: a customer names their job; a vendor may narrow to one. */
export class ListQuotesQuery {
  @ApiPropertyOptional({ description: 'Required for a customer: the job whose quotes to list' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  job_id?: string;
}
