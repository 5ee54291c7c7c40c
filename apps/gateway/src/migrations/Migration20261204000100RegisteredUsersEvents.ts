import { EVENT_ENVELOPE_VERSION, eventSubject, type EventEnvelope } from '#contracts';
import { Migration } from '@mikro-orm/migrations';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: 'customer' | 'vendor' | 'admin';
  created_at: Date | string;
}

/**
 * Accounts made before identity recorded USER_REGISTERED get theirs now, in the outbox, as of
 * when they registered: the notifications service learns every recipient's address from these
 * events alone. Being that old, they welcome nobody (`NOTIFICATION_MAX_EVENT_AGE_MS`).
 */
export class Migration20261204000100RegisteredUsersEvents extends Migration {
  override async up(): Promise<void> {
    // The migrator sets the schema for the queries up() queues, not for those it runs itself.
    await this.execute('set local search_path to identity');
    const users = (await this.execute(
      'select id, email, name, role, created_at from "user" order by id',
    )) as UserRow[];
    for (const user of users) {
      const createdAt = new Date(user.created_at);
      const envelope: EventEnvelope<'USER_REGISTERED'> = {
        event_id: uuidv7({ msecs: createdAt.getTime() }),
        event_type: 'USER_REGISTERED',
        version: EVENT_ENVELOPE_VERSION,
        occurred_at: createdAt.toISOString(),
        actor: { id: user.id, role: user.role },
        subject: { type: 'user', id: user.id },
        job_id: null,
        correlation_id: randomUUID(),
        causation_id: null,
        idempotency_key: null,
        payload: { user_id: user.id, role: user.role, name: user.name, email: user.email },
      };
      await this.execute(
        'insert into outbox (id, subject, envelope, created_at) values (?, ?, ?, now())',
        [envelope.event_id, eventSubject('gateway', 'USER_REGISTERED'), JSON.stringify(envelope)],
      );
    }
  }
}
