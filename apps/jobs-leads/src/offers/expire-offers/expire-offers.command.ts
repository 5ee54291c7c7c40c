import { Command } from '@nestjs/cqrs';

/** One pass over the offers due by `now`; answers how many it expired. */
export class ExpireOffersCommand extends Command<number> {
  constructor(readonly now: Date) {
    super();
  }
}
