import type { MilestoneStatus } from './escrow-account.views.js';

export interface SubmitMilestoneReply {
  milestone_id: string;
  status: 'submitted';
  submission_id: string;
  submitted_at: string;
  auto_release_at: string;
  event_id: string;
}

export interface ApproveMilestoneReply {
  milestone_id: string;
  status: 'released';
  /** What the vendor's wallet got: the amount less the platform's commission. In pounds. */
  released: number;
  commission: number;
  event_id: string;
}

export interface MilestoneChangeReply {
  milestone_id: string;
  status: MilestoneStatus;
  event_id: string;
}
