import { Command } from '@nestjs/cqrs';

/** Closes completed jobs whose review window has ended by `now`; answers how many. */
export class CloseUnreviewedJobsCommand extends Command<number> {
  constructor(readonly now: Date) {
    super();
  }
}
