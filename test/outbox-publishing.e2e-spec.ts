import type { CreateJobReply } from '#contracts';
import { httpPort } from '#platform';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateJobCommand } from '../apps/jobs-leads/src/jobs/create-job/create-job.command.js';
import { eventually, TAP_JOB } from './support/http-client.js';
import { TestSystem } from './support/system.js';
import { TcpProxy } from './support/tcp-proxy.js';

/** How long a JetStream publish waits for the stream's answer (the client's default). */
const PUBLISH_TIMEOUT_MS = 5000;

/**
 * The process that commits an event publishes it (docs/architecture.md, decision 43); the poll
 * takes over only what that could not do. jobs-leads runs alone with notifications, whose event
 * log shows what reached the stream, and reaches NATS through a proxy the tests cut.
 */
describe('outbox publishing: by the committer at once, by the poll after a failure', () => {
  let system: TestSystem;
  let proxy: TcpProxy;

  beforeAll(async () => {
    proxy = await TcpProxy.start(process.env.NATS_URL!);
    system = await TestSystem.start({}, ['notifications']);
  }, 60_000);
  afterAll(async () => {
    await system.stop();
    await proxy.stop();
  }, 60_000);

  const createJob = (): Promise<CreateJobReply> => {
    const app = system.app('jobs-leads');
    return RequestContext.create(app.get(MikroORM).em, () =>
      app
        .get(CommandBus)
        .execute(new CreateJobCommand({ userId: randomUUID(), role: 'customer' }, { ...TAP_JOB })),
    );
  };

  /** How many times each event is in the event log, once every one of them is. */
  const loggedOnce = async (eventIds: string[], timeoutMs: number) => {
    const rows = await eventually(async () => {
      const found = await system.db.query<{ copies: number }>(
        `select count(*)::int as copies from notifications.event_log
          where event_id = any($1::uuid[]) group by event_id`,
        [eventIds],
      );
      return found.rowCount === eventIds.length ? found.rows : undefined;
    }, timeoutMs);
    return rows.map((row) => row.copies);
  };

  /** Events jobs-leads published by way of `path` (`commit` or `poll`), from its metrics. */
  const publishedBy = async (path: 'commit' | 'poll') => {
    const metrics = await fetch(`http://127.0.0.1:${httpPort(system.app('jobs-leads'))}/metrics`);
    const line = (await metrics.text())
      .split('\n')
      .find((text) => text.startsWith(`tradematch_outbox_events_published_total{path="${path}"`));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  const unpublished = async (eventIds: string[]) =>
    (
      await system.db.query<{ n: number }>(
        `select count(*)::int as n from jobs.outbox
          where id = any($1::uuid[]) and published_at is null`,
        [eventIds],
      )
    ).rows[0].n;

  it('publishes a commit’s events right after it, with no poll to fall back on', async () => {
    await system.startApp('jobs-leads', { outboxPollMs: 600_000 });
    try {
      const eventIds = (await Promise.all([createJob(), createJob(), createJob()])).map(
        (reply) => reply.event_id,
      );
      expect(await loggedOnce(eventIds, 5000)).toEqual([1, 1, 1]);
      await eventually(async () => ((await unpublished(eventIds)) === 0 ? true : undefined), 5000);
    } finally {
      await system.stopApp('jobs-leads');
    }
  });

  it('leaves what it could not publish to the poll: NATS cut at commit, each event once after', async () => {
    await system.startApp('jobs-leads', { natsUrl: proxy.url });
    try {
      proxy.cut();
      const eventIds = (await Promise.all([createJob(), createJob(), createJob()])).map(
        (reply) => reply.event_id,
      );
      // Longer than a JetStream publish waits for its answer: the committer has given up.
      await sleep(PUBLISH_TIMEOUT_MS + 1000);
      expect(await unpublished(eventIds)).toBe(3);
      expect(await publishedBy('commit')).toBe(0);
      proxy.restore();
      expect(await loggedOnce(eventIds, 30_000)).toEqual([1, 1, 1]);
      await eventually(
        async () => ((await unpublished(eventIds)) === 0 ? true : undefined),
        10_000,
      );
      expect(await publishedBy('poll')).toBeGreaterThanOrEqual(3);
    } finally {
      proxy.restore();
      await system.stopApp('jobs-leads');
    }
  }, 60_000);
});
