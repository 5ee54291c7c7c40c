import type { EventEnvelope } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Recipient } from './recipient.entity.js';

/**
 * Names and email addresses from the gateway's identity events, never from its schema. Either
 * event may arrive first: the newest description wins, and the role comes from the registration.
 */
@Injectable()
export class RecipientsRepository {
  async apply(em: EntityManager, event: EventEnvelope): Promise<void> {
    switch (event.event_type) {
      case 'USER_REGISTERED': {
        const { user_id, role, name, email } = event.payload;
        await em.execute(
          `insert into notifications.recipient (user_id, role, name, email, updated_at)
           values (?, ?, ?, ?, ?)
           on conflict (user_id) do update set
             role = excluded.role,
             name = case when recipient.updated_at < excluded.updated_at then excluded.name else recipient.name end,
             email = case when recipient.updated_at < excluded.updated_at then excluded.email else recipient.email end,
             updated_at = greatest(recipient.updated_at, excluded.updated_at)`,
          [user_id, role, name, email, event.occurred_at],
        );
        return;
      }
      case 'USER_UPDATED': {
        const { user_id, name, email } = event.payload;
        await em.execute(
          `insert into notifications.recipient (user_id, role, name, email, updated_at)
           values (?, null, ?, ?, ?)
           on conflict (user_id) do update set
             name = excluded.name, email = excluded.email, updated_at = excluded.updated_at
           where recipient.updated_at < excluded.updated_at`,
          [user_id, name, email, event.occurred_at],
        );
        return;
      }
      default:
        return;
    }
  }

  find(em: EntityManager, userId: string): Promise<Recipient | null> {
    return em.findOne(Recipient, { userId });
  }

  async admins(em: EntityManager): Promise<string[]> {
    const admins = await em.find(Recipient, { role: 'admin' }, { orderBy: { userId: 'asc' } });
    return admins.map((admin) => admin.userId);
  }
}
