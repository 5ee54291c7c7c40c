import type { EventEnvelope } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/**
 * What messaging remembers of each job: the events that change its conversations, so that a
 * conversation opened later still gets them. Everything done for one job is serialised, on every
 * replica, by a transaction-scoped advisory lock, so that an event and an opening handled at the
 * same time cannot miss each other.
 */
@Injectable()
export class JobEventsRepository {
  constructor(private readonly em: EntityManager) {}

  async lockJob(jobId: string): Promise<void> {
    await this.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      `messaging-job:${jobId}`,
    ]);
  }

  async remember(jobId: string, event: EventEnvelope): Promise<void> {
    await this.em.execute(
      `insert into messaging.remembered_job_event (job_id, event_id, event_type, occurred_at, envelope)
       values (?, ?, ?, ?, ?) on conflict do nothing`,
      [jobId, event.event_id, event.event_type, event.occurred_at, JSON.stringify(event)],
    );
  }

  /** The job's remembered events, in the order they happened. */
  async rememberedFor(jobId: string): Promise<EventEnvelope[]> {
    const rows = await this.em.execute<{ envelope: EventEnvelope }[]>(
      `select envelope from messaging.remembered_job_event
       where job_id = ? order by occurred_at, event_id`,
      [jobId],
    );
    return rows.map((row) => row.envelope);
  }
}
