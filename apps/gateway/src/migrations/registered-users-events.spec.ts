import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../test/support/service-harness.js';
import { GATEWAY } from '../gateway.definition.js';
import { Migration20261204000100RegisteredUsersEvents } from './Migration20261204000100RegisteredUsersEvents.js';

describe('Migration20261204000100RegisteredUsersEvents', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('gateway', GATEWAY);
  });
  afterAll(() => harness.stop());

  it('records the USER_REGISTERED of an account made before the event existed, as of then', async () => {
    const userId = randomUUID();
    const registeredAt = '2026-11-20T09:30:00.000Z';
    const orm = harness.app.get(MikroORM);
    // Rolled back: the running relay must not publish what the spec made up.
    const envelopes = await orm.em
      .fork()
      .transactional(async (em) => {
        await em.execute(
          `insert into identity."user" (id, email, password_hash, name, phone, role, created_at)
           values (?, ?, 'x', 'Old Account', '+447911123456', 'vendor', ?)`,
          [userId, `old-${userId}@example.com`, registeredAt],
        );
        const migration = new Migration20261204000100RegisteredUsersEvents(
          orm.em.getDriver(),
          orm.config,
        );
        migration.setTransactionContext(em.getTransactionContext());
        await migration.up();
        const rows = await em.execute<{ subject: string; envelope: Record<string, unknown> }[]>(
          `select subject, envelope from identity.outbox where envelope->'payload'->>'user_id' = ?`,
          [userId],
        );
        throw Object.assign(new Error('roll back'), { rows });
      })
      .catch((error: { rows?: unknown }) => error.rows);
    expect(envelopes).toEqual([
      {
        subject: 'events.gateway.USER_REGISTERED',
        envelope: expect.objectContaining({
          event_type: 'USER_REGISTERED',
          version: 1,
          occurred_at: registeredAt,
          actor: { id: userId, role: 'vendor' },
          subject: { type: 'user', id: userId },
          job_id: null,
          payload: {
            user_id: userId,
            role: 'vendor',
            name: 'Old Account',
            email: `old-${userId}@example.com`,
          },
        }),
      },
    ]);
  });
});
