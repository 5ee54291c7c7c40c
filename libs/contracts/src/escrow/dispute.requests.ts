import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { MAX_QUOTE_POUNDS } from '../jobs/quote.requests.js';
import { PageRequest } from '../pagination/page.request.js';
import { IsMoney } from '../validation/is-money.decorator.js';
import { IsText } from '../validation/is-text.decorator.js';

export const DISPUTE_REASONS = ['work_not_done', 'poor_quality', 'not_paid', 'other'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** `open` until answered and resolved; `escalated` once it waited for admins; then `resolved`. */
export const DISPUTE_STATUSES = ['open', 'escalated', 'resolved'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_OUTCOMES = ['release', 'refund', 'split'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** How it ended: the parties agreed, an admin decided, or the other party let its deadline pass. */
export const DISPUTE_RESOLUTIONS = ['agreed', 'admin', 'default'] as const;
export type DisputeResolution = (typeof DISPUTE_RESOLUTIONS)[number];

export const MAX_EVIDENCE_URLS = 10;

/** Body of `POST /api/connection/disputes` and data of `escrow.dispute.open`. */
export class OpenDisputeRequest {
  @ApiProperty({ description: 'A job in progress of which the caller is the customer or vendor' })
  @IsString()
  @Length(1, 64)
  job_id!: string;

  @ApiPropertyOptional({
    description: 'The one milestone disputed; without it, every milestone not yet paid out',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  milestone_id?: string;

  @ApiProperty({ enum: DISPUTE_REASONS })
  @IsIn(DISPUTE_REASONS)
  reason!: DisputeReason;

  @ApiProperty({ example: 'The back door was never hung', maxLength: 2000 })
  @IsText({ min: 1, max: 2000, multiline: true })
  description!: string;
}

/** Any string: an id that is no dispute of the caller's answers 404 like an unknown one. */
export class DisputeIdInput {
  @IsString()
  @Length(1, 64)
  dispute_id!: string;
}

/** Body of `POST /api/connection/disputes/:disputeId/evidence`. */
export class AddEvidenceRequest {
  @ApiProperty({ example: 'Photos of the door frame, taken this morning', maxLength: 2000 })
  @IsText({ min: 1, max: 2000, multiline: true })
  description!: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_EVIDENCE_URLS,
    example: ['https://photos.example.com/frame-1.jpg'],
    description: 'https URLs of photos or documents',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_URLS)
  @IsString({ each: true })
  @MaxLength(2048, { each: true })
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: true, allow_underscores: false },
    { each: true, message: 'each url must be an https URL' },
  )
  urls?: string[];
}

/** `escrow.dispute.add-evidence` data. */
export class AddEvidenceInput extends AddEvidenceRequest {
  @IsString()
  @Length(1, 64)
  dispute_id!: string;
}

/** Body of `POST /api/connection/disputes/:disputeId/proposals`. */
export class ProposeSettlementRequest {
  @ApiProperty({
    example: 150,
    description:
      "What the vendor gets, in pounds (less commission): 0 refunds everything, the disputed amount releases everything; the rest goes back to the customer's wallet",
  })
  @IsMoney(0, MAX_QUOTE_POUNDS)
  vendor_amount!: number;
}

/** `escrow.dispute.propose` data. */
export class ProposeSettlementInput extends ProposeSettlementRequest {
  @IsString()
  @Length(1, 64)
  dispute_id!: string;
}

/** `escrow.dispute.accept-proposal` data. */
export class AcceptProposalInput {
  @IsString()
  @Length(1, 64)
  dispute_id!: string;

  @IsString()
  @Length(1, 64)
  proposal_id!: string;
}

/** Body of `PATCH /api/admin/disputes/:disputeId/resolve`. */
export class ResolveDisputeRequest {
  @ApiProperty({ enum: DISPUTE_OUTCOMES })
  @IsIn(DISPUTE_OUTCOMES)
  outcome!: DisputeOutcome;

  @ApiPropertyOptional({
    example: 150,
    description:
      "split only, and then required: the vendor's part in pounds, more than 0 and less than the disputed amount",
  })
  @IsOptional()
  @IsMoney(0, MAX_QUOTE_POUNDS)
  vendor_amount?: number;

  @ApiProperty({ example: 'Two of the three doors were hung; evidence from both', maxLength: 2000 })
  @IsText({ min: 1, max: 2000, multiline: true })
  note!: string;
}

/** `escrow.dispute.resolve` data. */
export class ResolveDisputeInput extends ResolveDisputeRequest {
  @IsString()
  @Length(1, 64)
  dispute_id!: string;
}

/** `GET /api/admin/disputes`: disputes in one status, oldest first, by keyset. */
export class DisputeListQuery extends PageRequest {
  @ApiPropertyOptional({ enum: DISPUTE_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(DISPUTE_STATUSES)
  status?: DisputeStatus;
}
