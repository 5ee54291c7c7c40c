import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsString,
  IsUrl,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsText } from '../validation/is-text.decorator.js';

export const MAX_EVIDENCE_PHOTOS = 20;

export class CompletionEvidenceRequest {
  @ApiProperty({
    type: [String],
    maxItems: MAX_EVIDENCE_PHOTOS,
    example: ['https://photos.example.com/after-1.jpg'],
    description: 'https URLs of photos of the finished work',
  })
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_PHOTOS)
  @IsString({ each: true })
  @MaxLength(2048, { each: true })
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: true, allow_underscores: false },
    { each: true, message: 'each photo must be an https URL' },
  )
  photos!: string[];

  @ApiProperty({ example: 'Washer replaced; no drips after 30 minutes', maxLength: 2000 })
  @IsText({ min: 1, max: 2000, multiline: true })
  description!: string;
}

/** Body of `POST /api/connection/milestones/:milestoneId/submit`. */
export class SubmitMilestoneRequest {
  @ApiProperty({ type: CompletionEvidenceRequest })
  @ValidateNested()
  @Type(() => CompletionEvidenceRequest)
  completion_evidence!: CompletionEvidenceRequest;
}

/** Any string: an id that is no milestone of the caller's answers 404 like an unknown one. */
export class MilestoneIdInput {
  @IsString()
  @Length(1, 64)
  milestone_id!: string;
}

/** `escrow.milestone.submit` data. */
export class SubmitMilestoneInput extends SubmitMilestoneRequest {
  @IsString()
  @Length(1, 64)
  milestone_id!: string;
}

/** Body of `PATCH /api/connection/milestones/:milestoneId/request-changes`. */
export class RequestChangesRequest {
  @ApiProperty({ example: 'The tap still drips when fully closed', maxLength: 2000 })
  @IsText({ min: 1, max: 2000, multiline: true })
  reason!: string;
}

/** `escrow.milestone.request-changes` data. */
export class RequestChangesInput extends RequestChangesRequest {
  @IsString()
  @Length(1, 64)
  milestone_id!: string;
}
