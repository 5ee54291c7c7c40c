import { MikroORM } from '@mikro-orm/postgresql';
import { setTimeout as sleep } from 'node:timers/promises';
import { TcpProxy } from './support/tcp-proxy.js';
import { TestSystem } from './support/system.js';

const POOL_SIZE = 2;

/** Rejects when `work` has not settled within `ms`: a leaked connection shows as a hang. */
const within = <T>(ms: number, what: string, work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    sleep(ms).then(() => {
      throw new Error(`${what} did not finish within ${ms} ms`);
    }),
  ]);

/**
 * A connection that dies just as a transaction begins (a failover, a restarted pooler) must go
 * back to the pool as dead. Kept, it is gone for good: a few such moments starve the pool, every
 * request then waits for ever, and the app cannot shut down.
 */
describe('database connections lost as a transaction begins', () => {
  let proxy: TcpProxy;
  let system: TestSystem;

  beforeAll(async () => {
    proxy = await TcpProxy.start(process.env.DATABASE_URL!);
    system = await TestSystem.start({}, []);
    await system.startApp('escrow', { databaseUrl: proxy.url, dbPoolMax: POOL_SIZE });
  }, 60_000);
  afterAll(async () => {
    await system.stop();
    await proxy.stop();
  }, 60_000);

  it('leaves the pool whole: the app serves with every connection afterwards and shuts down promptly', async () => {
    const orm = system.app('escrow').get(MikroORM);
    const transaction = () =>
      orm.em.fork().transactional((em) => em.execute('select pg_sleep(0.05)'));

    for (let lost = 0; lost < 3 * POOL_SIZE; lost++) {
      const dropped = proxy.dropNextSending('begin');
      // Whichever transaction begins next loses its connection: this one, or the outbox poll's.
      // Its `begin` goes out with its first statement (docs/architecture.md, decision 44).
      const attempt = transaction().catch((error: unknown) => error);
      await within(10_000, `losing connection ${lost + 1}`, dropped);
      await attempt;
    }

    const results = await within(
      10_000,
      'a transaction on every pooled connection',
      Promise.all(Array.from({ length: POOL_SIZE }, transaction)),
    );
    expect(results).toHaveLength(POOL_SIZE);
    await within(10_000, 'stopping escrow', system.stopApp('escrow'));
  }, 60_000);
});
