import { CLOCK, type Clock } from '#platform';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventLogEntry, type ChainTip } from '../event-log-entry.entity.js';
import { JobParticipantsRepository } from '../job-participants.repository.js';
import { RecordEventCommand } from './record-event.command.js';

/**
 * Identity events concern no job and carry email addresses: an append-only log is no place for
 * personal data nobody could erase, and notifications keep them in their own table.
 */
const NOT_LOGGED = new Set(['USER_REGISTERED', 'USER_UPDATED']);

/**
 * Appends the event to its job's hash chain and lets in whoever it admits to the job's trail.
 * The job's chain is extended by one replica at a time (a transaction-scoped advisory lock), so
 * two events of a job recorded at once still form one chain.
 */
@CommandHandler(RecordEventCommand)
export class RecordEventHandler implements ICommandHandler<RecordEventCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly participants: JobParticipantsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ event }: RecordEventCommand): Promise<void> {
    if (NOT_LOGGED.has(event.event_type)) return;
    // Joins the consumer's inbox transaction (or opens one when run alone), so each event is
    // recorded once.
    await this.em.transactional(
      async (em) => {
        const lock = event.job_id === null ? undefined : `notifications-trail:${event.job_id}`;
        await this.participants.learn(em, event, lock);
        const tip = event.job_id === null ? null : await this.tipOf(em, event.job_id);
        em.persist(EventLogEntry.of(event, this.clock.now(), tip));
        await em.flush();
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }

  /** Read once the job's lock is held, so no other entry can follow it meanwhile. */
  private async tipOf(em: EntityManager, jobId: string): Promise<ChainTip | null> {
    const [tip] = await em.execute<ChainTip[]>(
      `select sequence, hash from notifications.event_log
       where job_id = ? order by sequence desc limit 1`,
      [jobId],
    );
    return tip ?? null;
  }
}
