import { EscrowApi } from '#contracts';
import { BusClient, Metrics } from '#platform';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { TcpProxy } from './support/tcp-proxy.js';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { leadFor, publishJob, registerVendor } from './support/marketplace.js';
import { TestSystem } from './support/system.js';

const CONSUMER = 'escrow-job-cancellations';
const REDRIVE_CLI = path.resolve(
  import.meta.dirname,
  '../dist/libs/platform/src/events/redrive.cli.js',
);

/**
 * Escrow's refunds of cancelled jobs, with escrow's database behind a proxy the tests cut: the
 * consumer retries through an outage instead of giving up, refunds lead by lead, and what it
 * did give up on is re-driven by `npm run events:redrive`.
 */
describe('event delivery: retries through outages, lead-by-lead refunds, re-drive', () => {
  let system: TestSystem;
  let proxy: TcpProxy;
  let base: string;
  let customer: TestUser;

  const startEscrow = (retry: { eventRetryMaxMs: number; eventRetryGiveUpMs?: number }) =>
    system.startApp('escrow', { databaseUrl: proxy.url, ...retry });
  /** A published job in `area` whose lead each of `count` new vendors accepted and paid for. */
  const jobWithAcceptedLeads = async (area: string, postcode: string, count: number) => {
    const vendors = await Promise.all(
      Array.from({ length: count }, () =>
        registerVendor(base, { trade: 'Landscaping', areas: [area], funds: 50 }),
      ),
    );
    const jobId = await publishJob(base, customer, { trade_category: 'Landscaping', postcode });
    const leadIds: string[] = [];
    for (const vendor of vendors) {
      const lead = await leadFor(base, vendor, jobId);
      const accepted = await api(base, 'POST', `/api/connection/leads/${lead.lead_id}/accept`, {
        token: vendor.token,
      });
      expect(accepted.status).toBe(200);
      leadIds.push(lead.lead_id);
    }
    return { jobId, leadIds };
  };
  const cancel = async (jobId: string) => {
    const cancelled = await api(base, 'PATCH', `/api/connection/jobs/${jobId}/cancel`, {
      token: customer.token,
    });
    expect(cancelled.status).toBe(200);
  };
  const chargesOf = async (leadId: string) =>
    (
      await system.db.query(
        `select c.refund_reason, c.amount_pence::int as paid, c.refunded_pence::int as refunded,
                (select count(*)::int from escrow.ledger_transaction t
                  where t.kind = 'lead_refund' and t.reference->>'lead_id' = c.lead_id::text) as refunds
         from escrow.lead_charge c where c.lead_id = $1 order by c.created_at`,
        [leadId],
      )
    ).rows;
  const refundedOnCancellation = (leadIds: string[]) =>
    eventually(async () => {
      const charges = await Promise.all(leadIds.map(chargesOf));
      return charges.every((rows) => rows[0]?.refund_reason === 'job_cancelled')
        ? charges
        : undefined;
    }, 30_000);
  /** escrow's `tradematch_events_handled_total` of the cancellations consumer, by outcome. */
  const handled = async (outcome: string) => {
    const metric = system
      .app('escrow')
      .get(Metrics)
      .registry.getSingleMetric('tradematch_events_handled_total');
    const { values } = await metric!.get();
    return (
      values.find((value) => value.labels.consumer === CONSUMER && value.labels.outcome === outcome)
        ?.value ?? 0
    );
  };
  const deadLetters = async () => {
    const text = (await system.app('escrow').get(Metrics).render()).body;
    const line = text
      .split('\n')
      .find(
        (row) =>
          row.startsWith('tradematch_event_consumer_dead_letters{') &&
          row.includes(`consumer="${CONSUMER}"`),
      );
    return Number(line?.split(' ').pop());
  };
  const redrive = async (...args: string[]) => {
    // This file's nats-server is in the test's environment, not the worker's, which a child
    // inherits by default.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [REDRIVE_CLI, '--consumer', CONSUMER, ...args],
      { env: process.env },
    );
    return stdout;
  };

  beforeAll(async () => {
    proxy = await TcpProxy.start(process.env.DATABASE_URL!);
    system = await TestSystem.start({}, ['gateway', 'jobs-leads', 'messaging', 'notifications']);
    await startEscrow({ eventRetryMaxMs: 1000 });
    base = system.baseUrl;
    customer = await registerAndLogin(base, 'customer');
  }, 60_000);
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(async () => {
    await system.stop();
    await proxy.stop();
  }, 60_000);

  it('retries cancellations through a database outage longer than the old retry budget: none dead-lettered, each refund once', async () => {
    const first = await jobWithAcceptedLeads('BS', 'BS1 4DJ', 2);
    const second = await jobWithAcceptedLeads('BA', 'BA1 1LN', 2);
    const [retriedBefore, deadLetteredBefore] = [
      await handled('retried'),
      await handled('dead_lettered'),
    ];

    proxy.cut();
    await cancel(first.jobId);
    await cancel(second.jobId);
    // The old policy gave up after five deliveries, 3 s of backoff; this outage lasts 8 s.
    await sleep(8000);
    expect(await handled('retried')).toBeGreaterThanOrEqual(retriedBefore + 10);
    proxy.restore();

    const charges = await refundedOnCancellation([...first.leadIds, ...second.leadIds]);
    for (const rows of charges) {
      expect(rows).toHaveLength(1);
      expect(rows[0].refunds).toBe(1);
      expect(rows[0].refunded).toBe(Math.ceil(rows[0].paid / 2));
    }
    expect(await handled('dead_lettered')).toBe(deadLetteredBefore);
    expect(await deadLetters()).toBe(0);
  }, 90_000);

  it('refunds every other lead of a cancelled job when one was already refunded', async () => {
    const { jobId, leadIds } = await jobWithAcceptedLeads('CF', 'CF10 1EP', 3);
    const [disputed, ...others] = leadIds;
    const { rows } = await system.db.query(
      `select t.idempotency_key from escrow.lead_charge c
       join escrow.ledger_transaction t on t.id = c.charge_transaction_id where c.lead_id = $1`,
      [disputed],
    );
    // The ledger key is lead_charge:<vendor>:<the caller's key>.
    const chargeKey = rows[0].idempotency_key.split(':').slice(2).join(':');
    await system.app('jobs-leads').get(BusClient).send(EscrowApi.refundLead, {
      lead_id: disputed,
      charge_key: chargeKey,
      reason: 'customer_dispute',
    });
    const deadLetteredBefore = await handled('dead_lettered');

    await cancel(jobId);
    const refunded = await refundedOnCancellation(others);
    expect(refunded.map((charges) => charges.length)).toEqual([1, 1]);
    expect(await chargesOf(disputed)).toEqual([
      expect.objectContaining({ refund_reason: 'customer_dispute', refunds: 1 }),
    ]);
    expect(await handled('dead_lettered')).toBe(deadLetteredBefore);
  }, 60_000);

  it('gives up after EVENT_RETRY_GIVE_UP_MS; npm run events:redrive lists it and, once fixed, applies it once', async () => {
    await system.stopApp('escrow');
    await startEscrow({ eventRetryMaxMs: 500, eventRetryGiveUpMs: 2000 });
    const { jobId, leadIds } = await jobWithAcceptedLeads('EX', 'EX1 1HS', 1);

    proxy.cut();
    await cancel(jobId);
    await eventually(async () => ((await deadLetters()) === 1 ? true : undefined), 20_000);
    const listed = await redrive('--list');
    expect(listed).toContain('"reason":"gave_up"');
    expect(listed).toContain('"event_type":"JOB_CANCELLED"');
    expect(listed).toContain(`1 dead letter(s) of ${CONSUMER}`);
    expect(await chargesOf(leadIds[0])).toEqual([expect.objectContaining({ refund_reason: null })]);

    proxy.restore();
    expect(await redrive()).toContain(`1 re-driven, 0 still failing (${CONSUMER})`);
    expect(await chargesOf(leadIds[0])).toEqual([
      expect.objectContaining({ refund_reason: 'job_cancelled', refunds: 1 }),
    ]);
    expect(await deadLetters()).toBe(0);
    expect(await redrive()).toContain(`0 re-driven, 0 still failing (${CONSUMER})`);
  }, 60_000);
});
