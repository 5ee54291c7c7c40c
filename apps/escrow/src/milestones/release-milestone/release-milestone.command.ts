import type { ActorRole, ApproveMilestoneReply } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** Who releases a milestone: its customer approving it, or the system once it was due. */
export interface Releaser {
  id: string;
  role: Extract<ActorRole, 'customer' | 'system'>;
}

/**
 * A submitted milestone's money goes to the vendor, less the commission. Answers null when the
 * system was to release it and it is no longer due (answered or released meanwhile).
 */
export class ReleaseMilestoneCommand extends Command<ApproveMilestoneReply | null> {
  constructor(
    readonly milestoneId: string,
    readonly by: Releaser,
  ) {
    super();
  }
}
