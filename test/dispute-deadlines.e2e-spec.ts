import { setTimeout as sleep } from 'node:timers/promises';
import { createAdmin } from './support/admin.js';
import {
  expectDisputeMoneyConsistent,
  jobReaches,
  openDisputeWhenActive,
} from './support/disputes.js';
import { api, eventually, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { awardedJob, walletBalance, type AwardedJob } from './support/marketplace.js';
import { TestSystem } from './support/system.js';
import { overrideEnvironment } from './support/environment.js';

const RESPONSE_MS = 1500;
const ESCALATION_MS = 3000;
const STAGES = [
  { title: 'Hang the doors', amount: 200 },
  { title: 'Fit the handles', amount: 100 },
];

describe('dispute deadlines: the default outcome, and escalation to the admins', () => {
  let system: TestSystem;
  let base: string;
  let admin: { token: string };
  let areas = 0;

  const award = () => awardedJob(base, `DL${++areas}`, STAGES);
  const open = (job: AwardedJob, party: TestUser, reason: string) =>
    openDisputeWhenActive(base, party, {
      job_id: job.jobId,
      reason,
      description: 'Nothing agreed on',
    });
  const read = (disputeId: string, who: TestUser) =>
    api(base, 'GET', `/api/connection/disputes/${disputeId}`, { token: who.token });
  const resolvedEvent = (disputeId: string) =>
    eventually(async () => {
      const { rows } = await system.db.query(
        `select envelope->'actor'->>'role' as actor, envelope->'payload' as payload
         from escrow.outbox
         where envelope->>'event_type' = 'DISPUTE_RESOLVED' and envelope->'subject'->>'id' = $1`,
        [disputeId],
      );
      return rows[0];
    }, 10_000);

  let restoreEnvironment: () => void;

  beforeAll(async () => {
    restoreEnvironment = overrideEnvironment({
      DISPUTE_RESPONSE_MS: String(RESPONSE_MS),
      DISPUTE_ESCALATION_MS: String(ESCALATION_MS),
      DISPUTE_DEADLINE_POLL_MS: '100',
    });
    system = await TestSystem.start();
    base = system.baseUrl;
    admin = await createAdmin(base);
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(async () => {
    restoreEnvironment();
    await system.stop();
  });

  it('refunds a customer whose dispute the vendor leaves unanswered; the job is cancelled', async () => {
    const job = await award();
    const opened = await open(job, job.customer, 'work_not_done');
    expect(Date.parse(opened.body.respond_by) - Date.now()).toBeLessThanOrEqual(RESPONSE_MS);
    const disputeId = opened.body.dispute_id;
    // The opener's own evidence is no answer.
    await api(base, 'POST', `/api/connection/disputes/${disputeId}/evidence`, {
      token: job.customer.token,
      body: { description: 'Nobody came' },
    });
    const event = await resolvedEvent(disputeId);
    expect(event.actor).toBe('system');
    expect(event.payload).toMatchObject({
      resolution: 'default',
      outcome: 'refund',
      vendor_amount: 0,
      customer_amount: 300,
      escrow_status: 'refunded',
    });
    // The customer's wallet held exactly the escrow's funding: all of it is back.
    expect(await walletBalance(base, job.customer)).toBeCloseTo(300, 2);
    expect((await read(disputeId, job.vendors[0])).body.resolution).toMatchObject({
      resolution: 'default',
      resolved_by: { id: disputeId, role: 'system' },
    });
    await jobReaches(base, job, 'cancelled');
    await expectDisputeMoneyConsistent(system.db, job.escrowAccountId);
  });

  it('pays a vendor whose dispute the customer leaves unanswered; the job completes', async () => {
    const job = await award();
    const disputeId = (await open(job, job.vendors[0], 'not_paid')).body.dispute_id;
    const event = await resolvedEvent(disputeId);
    expect(event.payload).toMatchObject({
      resolution: 'default',
      outcome: 'release',
      vendor_amount: 300,
      commission: 15,
      escrow_status: 'released',
    });
    expect(await walletBalance(base, job.vendors[0])).toBeCloseTo(
      50 - job.leads[0].lead_price + 285,
      2,
    );
    await jobReaches(base, job, 'completed');
    await expectDisputeMoneyConsistent(system.db, job.escrowAccountId);
  });

  it('escalates an answered dispute still unresolved at its escalation time, for an admin to decide', async () => {
    const job = await award();
    const disputeId = (await open(job, job.customer, 'poor_quality')).body.dispute_id;
    const answer = await api(base, 'POST', `/api/connection/disputes/${disputeId}/proposals`, {
      token: job.vendors[0].token,
      body: { vendor_amount: 250 },
    });
    expect(answer.status).toBe(201);
    await sleep(RESPONSE_MS + 500);
    expect((await read(disputeId, job.customer)).body).toMatchObject({
      status: 'open',
      resolution: null,
    });
    const escalated = await eventually(async () => {
      const seen = (await read(disputeId, job.customer)).body;
      return seen.status === 'escalated' ? seen : undefined;
    }, 10_000);
    expect(Date.parse(escalated.escalated_at)).toBeGreaterThanOrEqual(
      Date.parse(escalated.escalate_at),
    );
    const { rows } = await system.db.query(
      `select envelope->'actor'->>'role' as actor from escrow.outbox
       where envelope->>'event_type' = 'DISPUTE_ESCALATED' and envelope->'subject'->>'id' = $1`,
      [disputeId],
    );
    expect(rows).toEqual([{ actor: 'system' }]);
    const queue = (await api(base, 'GET', '/api/admin/disputes?status=escalated', admin)).body;
    expect(queue.disputes.map((d: { dispute_id: string }) => d.dispute_id)).toContain(disputeId);
    const more = await api(base, 'POST', `/api/connection/disputes/${disputeId}/evidence`, {
      token: job.customer.token,
      body: { description: 'Still waiting' },
    });
    expect(more.status).toBe(201);
    const decided = await api(base, 'PATCH', `/api/admin/disputes/${disputeId}/resolve`, {
      token: admin.token,
      body: { outcome: 'split', vendor_amount: 150, note: 'Half of it was done' },
    });
    expect(decided.body).toMatchObject({ resolution: 'admin', outcome: 'split' });
    await jobReaches(base, job, 'completed');
    await expectDisputeMoneyConsistent(system.db, job.escrowAccountId);
  });

  it('settles once when admins race the default deadline', async () => {
    const job = await award();
    const opened = await open(job, job.customer, 'work_not_done');
    const disputeId = opened.body.dispute_id;
    await sleep(Math.max(0, Date.parse(opened.body.respond_by) - Date.now() - 20));
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        api(base, 'PATCH', `/api/admin/disputes/${disputeId}/resolve`, {
          token: admin.token,
          body: { outcome: 'release', note: 'Racing the clock' },
        }),
      ),
    );
    const won = answers.filter((answer) => answer.status === 200);
    expect(won.length).toBeLessThanOrEqual(1);
    for (const answer of answers.filter((each) => each.status !== 200)) {
      expect(answer.body.code).toBe('DISPUTE_NOT_OPEN');
    }
    const event = await resolvedEvent(disputeId);
    expect(event.payload.resolution).toBe(won.length === 1 ? 'admin' : 'default');
    const { rows } = await system.db.query(
      `select count(*)::int as count from escrow.outbox
       where envelope->>'event_type' = 'DISPUTE_RESOLVED' and envelope->'subject'->>'id' = $1`,
      [disputeId],
    );
    expect(rows[0].count).toBe(1);
    await expectDisputeMoneyConsistent(system.db, job.escrowAccountId);
  });
});
