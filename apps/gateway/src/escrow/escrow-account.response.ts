import {
  ESCROW_STATUSES,
  type EscrowAccountView,
  type EscrowMilestoneView,
  type EscrowStatus,
  MILESTONE_STATUSES,
  type MilestoneStatus,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

export class EscrowMilestoneResponse implements EscrowMilestoneView {
  @ApiProperty({ format: 'uuid' }) milestone_id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 120 }) amount!: number;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status!: MilestoneStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submitted_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  auto_release_at!: string | null;
}

/** A job's escrow for its customer and its awarded vendor. Amounts in pounds. */
export class EscrowAccountResponse implements EscrowAccountView {
  @ApiProperty({ format: 'uuid' }) escrow_account_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ enum: ESCROW_STATUSES }) status!: EscrowStatus;
  @ApiProperty() total!: number;
  @ApiProperty() funded!: number;
  @ApiProperty() released!: number;
  @ApiProperty() refunded!: number;
  @ApiProperty({ description: 'funded − released − refunded' }) balance!: number;
  @ApiProperty({ type: [EscrowMilestoneResponse] }) milestones!: EscrowMilestoneResponse[];
}

export function toEscrowAccountResponse(view: EscrowAccountView): EscrowAccountResponse {
  return {
    escrow_account_id: view.escrow_account_id,
    job_id: view.job_id,
    status: view.status,
    total: view.total,
    funded: view.funded,
    released: view.released,
    refunded: view.refunded,
    balance: view.balance,
    milestones: view.milestones.map((milestone) => ({
      milestone_id: milestone.milestone_id,
      title: milestone.title,
      amount: milestone.amount,
      status: milestone.status,
      submitted_at: milestone.submitted_at,
      auto_release_at: milestone.auto_release_at,
    })),
  };
}
