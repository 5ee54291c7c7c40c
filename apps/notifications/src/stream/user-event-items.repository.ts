import {
  userEventsSubject,
  type AnyUserEventItem,
  type UserEventData,
  type UserEventKind,
} from '#contracts';
import { OutboxCommitHook } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';

/** An item for one recipient's stream, before it has an id. */
export interface NewUserEventItem<K extends UserEventKind = UserEventKind> {
  /** What makes it this item and no other: the same key twice is one item. */
  key: string;
  recipientId: string;
  kind: K;
  data: UserEventData[K];
}

/** The namespace of the items' UUIDv5 ids. */
const ITEM_NAMESPACE = 'c0b3f5de-6b1e-5d55-9a57-6f2ad4c1e1a0';

/**
 * Real-time items ride the service's own outbox: written in the transaction that decided them
 * (the fan-out's, with its inbox row and notifications), published by the platform's relay to
 * `users.<recipient>.events` with `Nats-Msg-Id` = item id. An item exists if and only if its
 * cause was committed, and survives a crash between the commit and the publish. Its id is a
 * UUIDv5 of its key, so an event handled twice writes it once.
 */
@Injectable()
export class UserEventItemsRepository {
  constructor(private readonly commitHook: OutboxCommitHook) {}

  async add(
    em: EntityManager,
    items: readonly NewUserEventItem[],
    correlationId: string,
    now: Date,
  ): Promise<void> {
    if (items.length === 0) return;
    const rows = items.map((item) => {
      const body = {
        item_id: uuidv5(item.key, ITEM_NAMESPACE),
        kind: item.kind,
        recipient_id: item.recipientId,
        correlation_id: correlationId,
        data: item.data,
      } as AnyUserEventItem;
      return {
        id: body.item_id,
        subject: userEventsSubject(item.recipientId),
        correlationId,
        body: JSON.stringify(body),
      };
    });
    await em.execute(
      `insert into notifications.outbox (id, subject, envelope, created_at)
       values ${rows.map(() => '(?, ?, ?::jsonb, ?)').join(', ')}
       on conflict (id) do nothing`,
      rows.flatMap((row) => [row.id, row.subject, row.body, now]),
      'run',
    );
    for (const row of rows) this.commitHook.add(em, row);
  }
}
