import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsText } from '../validation/is-text.decorator.js';
import { IsMoney } from '../validation/is-money.decorator.js';
import { IsUkPostcode } from '../validation/is-uk-postcode.decorator.js';
import { TIMEFRAMES, TRADE_CATEGORIES } from './job-catalogue.js';

/** Body of `POST /api/connection/jobs` and data of `jobs.job.create`. Amounts in pounds. */
export class CreateJobRequest {
  @ApiProperty({ example: 'Fix leaking kitchen tap', minLength: 3, maxLength: 120 })
  @IsText({ min: 3, max: 120 })
  title!: string;

  @ApiPropertyOptional({
    example: 'The tap drips constantly; washer probably worn.',
    maxLength: 5000,
  })
  @IsOptional()
  @IsText({ max: 5000, multiline: true })
  description?: string;

  @ApiProperty({ enum: TRADE_CATEGORIES, example: 'Plumbing' })
  @IsIn(TRADE_CATEGORIES)
  trade_category!: string;

  @ApiProperty({ example: 50, description: 'Pounds, at most 2 decimal places' })
  @IsMoney()
  budget_min!: number;

  @ApiProperty({ example: 150, description: 'Pounds, at least budget_min' })
  @IsMoney()
  budget_max!: number;

  @ApiProperty({ enum: TIMEFRAMES, example: 'urgent' })
  @IsIn(TIMEFRAMES)
  timeframe!: string;

  @ApiPropertyOptional({ example: 'SW1A 1AA', description: 'UK postcode; required to publish' })
  @IsOptional()
  @IsUkPostcode()
  postcode?: string;
}

/** Body of `PATCH /api/connection/jobs/:jobId`: any subset of the fields, drafts only. */
export class UpdateJobRequest extends PartialType(CreateJobRequest) {}

/** `jobs.job.update` data. */
export class UpdateJobInput extends UpdateJobRequest {
  @IsString()
  @Length(1, 64)
  job_id!: string;
}

/**
 * `jobs.job.get`, `jobs.job.cancel` and `notifications.event.list-for-job` data. Any string: an
 * id that is no job answers 404 like someone else's, so ids cannot be probed.
 */
export class JobIdInput {
  @IsString()
  @Length(1, 64)
  job_id!: string;
}
