import type {
  ApproveMilestoneReply,
  MilestoneChangeReply,
  MilestoneStatus,
  SubmitMilestoneReply,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

export class SubmitMilestoneResponse implements SubmitMilestoneReply {
  @ApiProperty({ format: 'uuid' }) milestone_id!: string;
  @ApiProperty({ enum: ['submitted'] }) status!: 'submitted';
  @ApiProperty({ format: 'uuid' }) submission_id!: string;
  @ApiProperty({ format: 'date-time' }) submitted_at!: string;
  @ApiProperty({ format: 'date-time', description: 'released by itself then, unless answered' })
  auto_release_at!: string;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export class ApproveMilestoneResponse implements ApproveMilestoneReply {
  @ApiProperty({ format: 'uuid' }) milestone_id!: string;
  @ApiProperty({ enum: ['released'] }) status!: 'released';
  @ApiProperty({ example: 114, description: "to the vendor's wallet: the amount less commission" })
  released!: number;
  @ApiProperty({ example: 6 }) commission!: number;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export class MilestoneChangeResponse implements MilestoneChangeReply {
  @ApiProperty({ format: 'uuid' }) milestone_id!: string;
  @ApiProperty({ enum: ['changes_requested'] }) status!: MilestoneStatus;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export function toSubmitMilestoneResponse(reply: SubmitMilestoneReply): SubmitMilestoneResponse {
  return {
    milestone_id: reply.milestone_id,
    status: reply.status,
    submission_id: reply.submission_id,
    submitted_at: reply.submitted_at,
    auto_release_at: reply.auto_release_at,
    event_id: reply.event_id,
  };
}

export function toApproveMilestoneResponse(reply: ApproveMilestoneReply): ApproveMilestoneResponse {
  return {
    milestone_id: reply.milestone_id,
    status: reply.status,
    released: reply.released,
    commission: reply.commission,
    event_id: reply.event_id,
  };
}

export function toMilestoneChangeResponse(reply: MilestoneChangeReply): MilestoneChangeResponse {
  return { milestone_id: reply.milestone_id, status: reply.status, event_id: reply.event_id };
}
