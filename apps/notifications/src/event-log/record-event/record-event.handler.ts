import { CLOCK, type Clock } from '#platform';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventLogEntry } from '../event-log-entry.entity.js';
import { JobAudienceMember } from '../job-audience.entity.js';
import { audienceJoining } from '../job-audience.js';
import { RecordEventCommand } from './record-event.command.js';

/** Appends the event to the trail and lets in whoever it admits to the job's trail. */
@CommandHandler(RecordEventCommand)
export class RecordEventHandler implements ICommandHandler<RecordEventCommand> {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ event }: RecordEventCommand): Promise<void> {
    // Joins the consumer's inbox transaction (or opens one when run alone), so each event is
    // recorded once.
    await this.em.transactional(
      async (em) => {
        em.persist(EventLogEntry.of(event, this.clock.now()));
        for (const member of audienceJoining(event)) {
          await em.upsert(JobAudienceMember, member);
        }
        await em.flush();
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
