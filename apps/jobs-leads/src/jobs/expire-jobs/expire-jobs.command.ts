import { Command } from '@nestjs/cqrs';

/** One pass over the live jobs due by `now`; answers how many it expired. */
export class ExpireJobsCommand extends Command<number> {
  constructor(readonly now: Date) {
    super();
  }
}
