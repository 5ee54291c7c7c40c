import type { NotificationCategory } from '#contracts';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Delivery } from './delivery.entity.js';

export interface NewDelivery {
  eventId: string;
  recipientId: string;
  type: string;
  category: NotificationCategory;
  title: string;
  body: string;
  jobId: string | null;
  digestKey: string | null;
  dueAt: Date;
}

@Injectable()
export class DeliveriesRepository {
  /** True when it was added, false when this event already has its email for this recipient. */
  async add(em: EntityManager, delivery: NewDelivery, now: Date): Promise<boolean> {
    const added = await em.execute<{ id: string }[]>(
      `insert into notifications.delivery (id, event_id, recipient_id, channel, type, category,
         title, body, job_id, digest_key, status, attempts, next_attempt_at, created_at)
       values (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
       on conflict (event_id, recipient_id, channel) do nothing returning id`,
      [
        uuidv7({ msecs: now.getTime() }),
        delivery.eventId,
        delivery.recipientId,
        delivery.type,
        delivery.category,
        delivery.title,
        delivery.body,
        delivery.jobId,
        delivery.digestKey,
        delivery.dueAt,
        now,
      ],
    );
    return added.length > 0;
  }

  /**
   * When a new email under `digestKey` may go: with the one already waiting, if any, else a
   * digest period after the last one sent (at once, if that is past). The waiting row is locked,
   * so an email being sent right now is seen as sent once it is.
   */
  async digestDueAt(
    em: EntityManager,
    recipientId: string,
    digestKey: string,
    now: Date,
    digestMs: number,
  ): Promise<Date> {
    // One statement: the waiting row (locked) and the last one sent, either of them absent.
    const [{ waiting_at: waitingAt, last_sent_at: lastSentAt }] = await em.execute<
      { waiting_at: string | null; last_sent_at: string | null }[]
    >(
      `select w.next_attempt_at as waiting_at, s.last_sent_at
       from (select 1) as one
       left join lateral (
         select next_attempt_at from notifications.delivery
         where recipient_id = ? and digest_key = ? and status = 'pending'
         order by next_attempt_at limit 1 for update) as w on true
       cross join lateral (
         select max(sent_at) as last_sent_at from notifications.delivery
         where recipient_id = ? and digest_key = ? and status = 'sent') as s`,
      [recipientId, digestKey, recipientId, digestKey],
    );
    // Raw SQL answers timestamps as text.
    if (waitingAt) return new Date(waitingAt);
    if (!lastSentAt) return now;
    return new Date(Math.max(now.getTime(), Date.parse(lastSentAt) + digestMs));
  }

  /** The next due delivery no other replica holds, locked until the caller's transaction ends. */
  async claimDue(em: EntityManager, now: Date): Promise<Delivery | null> {
    const [due] = await em.find(
      Delivery,
      { status: 'pending', nextAttemptAt: { $lte: now } },
      { orderBy: { nextAttemptAt: 'asc' }, limit: 1, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
    );
    return due ?? null;
  }

  /** The other emails waiting under the same digest key, oldest first, to go out as one. */
  batchedWith(em: EntityManager, delivery: Delivery): Promise<Delivery[]> {
    if (delivery.digestKey === null) return Promise.resolve([]);
    return em.find(
      Delivery,
      {
        recipientId: delivery.recipientId,
        digestKey: delivery.digestKey,
        status: 'pending',
        id: { $ne: delivery.id },
      },
      { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
  }
}
