import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { trailRowOf, type TrailRow } from './trail-row.js';

/**
 * A vendor's part of a job's trail: the events that name them, their leads' own events (an
 * expiry names no vendor) and the messages of their conversations.
 */
const VENDOR_OWN = `(e.payload->>'vendor_id' = ?
  or (e.subject_type = 'lead' and e.subject_id in (
    select l.lead_id::text from notifications.job_lead l where l.job_id = e.job_id and l.vendor_id = ?))
  or (e.event_type = 'MESSAGE_SENT' and e.payload->>'conversation_id' in (
    select l.conversation_id::text from notifications.job_lead l where l.job_id = e.job_id and l.vendor_id = ?)))`;

/** Reads of the audit trail, a page at a time (keyset: the cursor is the last event id seen). */
@Injectable()
export class EventLogRepository {
  constructor(private readonly em: EntityManager) {}

  async hasEntries(jobId: string): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>(
      'select 1 from notifications.event_log where job_id = ? limit 1',
      [jobId],
    );
    return rows.length > 0;
  }

  /** Oldest first by when they happened; `vendorId` narrows it to that vendor's part. */
  async trailPage(
    jobId: string,
    page: { cursor?: string; limit: number },
    vendorId?: string,
  ): Promise<TrailRow[]> {
    const params: unknown[] = [jobId];
    let where = 'e.job_id = ?';
    if (vendorId !== undefined) {
      where += ` and ${VENDOR_OWN}`;
      params.push(vendorId, vendorId, vendorId);
    }
    if (page.cursor !== undefined) {
      where += ` and (e.occurred_at, e.event_id) > (
        select c.occurred_at, c.event_id from notifications.event_log c where c.event_id = ?)`;
      params.push(page.cursor);
    }
    params.push(page.limit);
    const rows = await this.em.execute<TrailRow[]>(
      `select e.* from notifications.event_log e where ${where}
       order by e.occurred_at, e.event_id limit ?`,
      params,
    );
    return rows.map(trailRowOf);
  }

  /** In chain order: what admins read and what verification walks. */
  async chainPage(jobId: string, page: { cursor?: string; limit: number }): Promise<TrailRow[]> {
    const params: unknown[] = [jobId];
    let where = 'e.job_id = ?';
    if (page.cursor !== undefined) {
      where += ` and e.sequence > (
        select c.sequence from notifications.event_log c where c.event_id = ? and c.job_id = e.job_id)`;
      params.push(page.cursor);
    }
    params.push(page.limit);
    const rows = await this.em.execute<TrailRow[]>(
      `select e.* from notifications.event_log e where ${where} order by e.sequence limit ?`,
      params,
    );
    return rows.map(trailRowOf);
  }
}
