import 'reflect-metadata';
import {
  MikroORM,
  PostgreSqlDriver,
  RequestContext,
  TransactionPropagation,
} from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxCommitHook, type OutboxPublication } from './outbox-commit-hook.js';
import { OutboxMessage } from './outbox-message.entity.js';

const row = (id: string): OutboxPublication => ({
  id,
  subject: `spec.${id}`,
  correlationId: 'c',
  body: '{}',
});

describe('OutboxCommitHook (real Postgres transactions)', () => {
  let orm: MikroORM;
  let delivered: string[][];
  let hook: OutboxCommitHook;

  beforeAll(async () => {
    orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: process.env.DATABASE_URL,
      entities: [OutboxMessage],
      allowGlobalContext: false,
    });
    hook = new OutboxCommitHook();
    hook.handOverTo((rows) => delivered.push(rows.map((published) => published.id)));
    orm.em.getEventManager().registerSubscriber(hook);
    await orm.em.fork().execute(
      `create table outbox (id uuid primary key, seq bigserial, subject text not null,
           envelope jsonb not null, created_at timestamptz not null, published_at timestamptz)`,
    );
  });

  beforeEach(() => {
    delivered = [];
  });

  afterAll(() => orm.close());

  /** Adds a row in `em`'s transaction after a statement, so the transaction really runs. */
  const write = async (em: EntityManager, id: string) => {
    await em.execute('select 1');
    hook.add(em, row(id));
  };

  it('hands over the rows of a transaction once, when it commits', async () => {
    await orm.em.fork().transactional(async (em) => {
      await write(em, 'a');
      await write(em, 'b');
      expect(delivered).toEqual([]);
    });
    expect(delivered).toEqual([['a', 'b']]);
  });

  it('hands over nothing of a transaction that rolls back', async () => {
    await expect(
      orm.em.fork().transactional(async (em) => {
        await write(em, 'a');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(delivered).toEqual([]);
  });

  it('keeps the rows of a released savepoint for the commit of the transaction around it', async () => {
    await orm.em.fork().transactional(async (em) => {
      await write(em, 'outer');
      await em.transactional((inner) => write(inner, 'inner'));
      expect(delivered).toEqual([]);
    });
    expect(delivered).toEqual([['outer', 'inner']]);
  });

  it('drops the rows of a savepoint rolled back, and keeps the rest of its transaction', async () => {
    await orm.em.fork().transactional(async (em) => {
      await write(em, 'outer');
      await expect(
        em.transactional(async (inner) => {
          await write(inner, 'inner');
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
    });
    expect(delivered).toEqual([['outer']]);
  });

  it('hands over the rows of a transaction joined with REQUIRED at the outer commit', async () => {
    await orm.em.fork().transactional(async (em) => {
      await em.transactional((joined) => write(joined, 'joined'), {
        propagation: TransactionPropagation.REQUIRED,
      });
      expect(delivered).toEqual([]);
    });
    expect(delivered).toEqual([['joined']]);
  });

  it('hands over a transaction of its own (REQUIRES_NEW) when that one commits', async () => {
    await orm.em.fork().transactional(async (em) => {
      await em.transactional((own) => write(own, 'own'), {
        propagation: TransactionPropagation.REQUIRES_NEW,
      });
      expect(delivered).toEqual([['own']]);
      await write(em, 'outer');
    });
    expect(delivered).toEqual([['own'], ['outer']]);
  });

  /** An outbox row persisted in `em`, and its hand-over. */
  const persistOutboxRow = (em: EntityManager, id: string) => {
    em.persist(
      em.create(OutboxMessage, {
        id,
        subject: `spec.${id}`,
        envelope: {
          event_id: id,
          event_type: 'SPEC',
          version: 1,
          occurred_at: new Date().toISOString(),
          actor: { id, role: 'system' },
          subject: { type: 'spec', id },
          job_id: null,
          correlation_id: id,
          causation_id: null,
          idempotency_key: null,
          payload: {},
        },
        createdAt: new Date(),
      }),
    );
    hook.add(em, row(id));
  };

  it('hands over a row written outside a transaction once its entity manager flushes it', async () => {
    const em = orm.em.fork();
    persistOutboxRow(em, '0193a8c4-0000-7000-8000-000000000001');
    expect(delivered).toEqual([]);
    await em.flush();
    expect(delivered).toEqual([['0193a8c4-0000-7000-8000-000000000001']]);
  });

  it('hands over a row recorded through the injected entity manager when the request flushes', async () => {
    await RequestContext.create(orm.em, async () => {
      persistOutboxRow(orm.em, '0193a8c4-0000-7000-8000-000000000002');
      await orm.em.flush();
    });
    expect(delivered).toEqual([['0193a8c4-0000-7000-8000-000000000002']]);
  });

  it('hands over nothing of a flush that fails', async () => {
    const em = orm.em.fork();
    persistOutboxRow(em, '0193a8c4-0000-7000-8000-000000000001');
    await expect(em.flush()).rejects.toThrow();
    expect(delivered).toEqual([]);
  });
});
