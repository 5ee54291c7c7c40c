import { setTimeout as sleep } from 'node:timers/promises';
import { createAdmin } from './support/admin.js';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { leadFor, publishJob, registerVendor, walletBalance } from './support/marketplace.js';
import { ProcessSystem } from './support/processes.js';
import { latestSaga, sagaFinished, whileSagaRowLocked } from './support/sagas.js';

/**
 * Lead acceptance as a saga, with the services as real processes that the tests stop, kill and
 * pause at each step boundary: claim → escrow charge → local accept. After every fault the lead
 * ends accepted with exactly one charge, or on offer with the vendor's money back.
 */
describe('lead acceptance across stopped, killed and paused services', () => {
  let system: ProcessSystem;
  let base: string;
  let customer: TestUser;
  const FAST_SAGAS = {
    SAGA_LEASE_MS: '2000',
    SAGA_POLL_MS: '200',
    SAGA_RETRY_MAX_MS: '1000',
    SAGA_HTTP_WAIT_MS: '1000',
    BUS_TIMEOUT_MS: '1500',
  };
  let keys = 0;
  const newKey = () => `fault-test-key-${++keys}-${Date.now()}`;

  const vendorWithLead = async () => {
    const vendor = await registerVendor(base, { trade: 'Tiling', areas: ['LS'], funds: 50 });
    const jobId = await publishJob(base, customer, {
      trade_category: 'Tiling',
      postcode: 'LS1 1UR',
      title: 'Retile the bathroom floor',
    });
    const lead = await leadFor(base, vendor, jobId);
    return { vendor, leadId: lead.lead_id as string, price: lead.lead_price as number };
  };
  const accept = (vendor: TestUser, leadId: string, key: string) =>
    api(base, 'POST', `/api/connection/leads/${leadId}/accept`, {
      token: vendor.token,
      body: { idempotency_key: key },
    });
  const chargesOf = async (leadId: string) =>
    (
      await system.db.query(
        'select refund_reason from escrow.lead_charge where lead_id = $1 order by created_at',
        [leadId],
      )
    ).rows;
  const leadStatus = async (leadId: string) =>
    (await system.db.query('select status from jobs.lead where id = $1', [leadId])).rows[0].status;
  const sagaRow = (leadId: string) => latestSaga(system.db, 'accept-lead', 'leadId', leadId);
  const finished = (vendor: TestUser, sagaId: string) => sagaFinished(base, vendor, sagaId);
  const expectAcceptedOnce = async (vendor: TestUser, leadId: string, price: number) => {
    expect(await leadStatus(leadId)).toBe('accepted');
    expect(await chargesOf(leadId)).toEqual([{ refund_reason: null }]);
    expect(await walletBalance(base, vendor)).toBeCloseTo(50 - price, 2);
  };

  beforeAll(async () => {
    system = await ProcessSystem.start(FAST_SAGAS);
    base = system.baseUrl;
    customer = await registerAndLogin(base, 'customer');
  }, 60_000);
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => system?.stop());

  it('escrow stopped before the charge: 202 with a status URL, then accepted with one charge once escrow is back', async () => {
    const { vendor, leadId, price } = await vendorWithLead();
    const key = newKey();
    await system.app('escrow').stop();
    const first = await accept(vendor, leadId, key);
    expect(first.status).toBe(202);
    const sagaId = first.body.saga_id;
    expect(first.body).toEqual({
      saga_id: sagaId,
      status: 'running',
      status_url: `/api/connection/sagas/${sagaId}`,
    });
    expect(await leadStatus(leadId)).toBe('offered');
    expect(await chargesOf(leadId)).toEqual([]);

    await system.app('escrow').start();
    const saga = await finished(vendor, sagaId);
    expect(saga).toMatchObject({ status: 'completed', result: { lead_id: leadId } });
    await expectAcceptedOnce(vendor, leadId, price);
    const replay = await accept(vendor, leadId, key);
    expect(replay.status).toBe(200);
    expect(replay.body.event_id).toBe(saga.result.event_id);
    await expectAcceptedOnce(vendor, leadId, price);
  }, 60_000);

  it('escrow paused past the bus timeout, then resumed: the retries under one key charge once', async () => {
    const { vendor, leadId, price } = await vendorWithLead();
    system.app('escrow').pause();
    const first = await accept(vendor, leadId, newKey());
    expect(first.status).toBe(202);
    // Past the bus timeout (1.5 s), so jobs-leads has sent the charge again under the same key.
    await sleep(3500);
    system.app('escrow').resume();
    expect(await finished(vendor, first.body.saga_id)).toMatchObject({ status: 'completed' });
    await expectAcceptedOnce(vendor, leadId, price);
    const transactions = await system.db.query(
      `select count(*)::int as count from escrow.ledger_transaction
       where kind = 'lead_charge' and reference->>'lead_id' = $1`,
      [leadId],
    );
    expect(transactions.rows[0].count).toBe(1);
  }, 60_000);

  it('escrow committed the charge but jobs-leads died before recording the reply: it resumes and charges once', async () => {
    const { vendor, leadId, price } = await vendorWithLead();
    const key = newKey();
    system.app('escrow').pause();
    const answered = accept(vendor, leadId, key).catch(() => undefined);
    const saga = await eventually(async () => {
      const row = await sagaRow(leadId);
      return row?.step === 1 ? row : undefined;
    });
    // Holding the saga's row: jobs-leads gets escrow's reply but cannot record it.
    await whileSagaRowLocked(system.db, saga!.id, async () => {
      system.app('escrow').resume();
      await eventually(async () => ((await chargesOf(leadId)).length === 1 ? true : undefined));
      await system.app('jobs-leads').kill();
    });
    await answered;
    expect(await sagaRow(leadId)).toMatchObject({ status: 'running', step: 1 });

    await system.app('jobs-leads').start();
    expect(await finished(vendor, saga!.id)).toMatchObject({ status: 'completed' });
    await expectAcceptedOnce(vendor, leadId, price);
    const replay = await accept(vendor, leadId, key);
    expect(replay.status).toBe(200);
  }, 60_000);

  it('jobs-leads killed after the local accept: nothing runs again, and a retry answers the same', async () => {
    const { vendor, leadId, price } = await vendorWithLead();
    const key = newKey();
    const first = await accept(vendor, leadId, key);
    expect(first.status).toBe(200);
    await system.app('jobs-leads').kill();
    await system.app('jobs-leads').start();
    const replay = await accept(vendor, leadId, key);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    await expectAcceptedOnce(vendor, leadId, price);
    const events = await system.db.query(
      "select count(*)::int as count from jobs.outbox where envelope->>'event_type' = 'LEAD_ACCEPTED' and envelope->'payload'->>'lead_id' = $1",
      [leadId],
    );
    expect(events.rows[0].count).toBe(1);
  }, 60_000);

  it('jobs-leads killed while the charge is retried, then started again: the saga finishes within 30 s', async () => {
    const { vendor, leadId, price } = await vendorWithLead();
    await system.app('escrow').kill();
    const first = await accept(vendor, leadId, newKey());
    expect(first.status).toBe(202);
    await system.app('jobs-leads').kill();
    await system.app('escrow').start();
    const restartedAt = Date.now();
    await system.app('jobs-leads').start();
    expect(await finished(vendor, first.body.saga_id)).toMatchObject({ status: 'completed' });
    expect(Date.now() - restartedAt).toBeLessThan(30_000);
    await expectAcceptedOnce(vendor, leadId, price);
  }, 60_000);

  it('a refund that cannot reach escrow keeps the saga compensating, then failed: listed, counted, and retried by an admin', async () => {
    const { vendor, leadId } = await vendorWithLead();
    const jobsLeads = system.app('jobs-leads');
    await jobsLeads.kill();
    await jobsLeads.start({ SAGA_GIVE_UP_MS: '3000' });
    // Accepting fails a second after the charge: time enough to take escrow away first.
    await system.db.query(`
      create function jobs.fail_acceptance_slowly() returns trigger language plpgsql as $$
      begin perform pg_sleep(1); raise exception 'injected failure'; end $$;
      create trigger fail_acceptance_slowly before update on jobs.lead for each row
        when (new.status = 'accepted' and new.id = '${leadId}') execute function jobs.fail_acceptance_slowly();`);
    try {
      const answered = accept(vendor, leadId, newKey());
      await eventually(async () => ((await chargesOf(leadId)).length === 1 ? true : undefined));
      await system.app('escrow').kill();
      const first = await answered;
      const sagaId = first.body.saga_id ?? (await sagaRow(leadId))!.id;
      const statusNow = async () =>
        (await api(base, 'GET', `/api/connection/sagas/${sagaId}`, { token: vendor.token })).body
          .status;
      await eventually(async () => ((await statusNow()) === 'compensating' ? true : undefined));
      expect(await finished(vendor, sagaId)).toMatchObject({
        status: 'failed',
        error: { code: 'INTERNAL_ERROR' },
      });

      const admin = await createAdmin(base);
      const failed = await api(base, 'GET', '/api/admin/sagas?status=failed', {
        token: admin.token,
      });
      expect(failed.status).toBe(200);
      expect(failed.body.sagas.map((saga: { saga_id: string }) => saga.saga_id)).toContain(sagaId);
      const metrics = await (await fetch(`${jobsLeads.url}/metrics`)).text();
      expect(metrics).toMatch(/tradematch_sagas\{type="accept-lead",status="failed"[^}]*\} [1-9]/);
      // The charge stays until an operator acts: failed runs never pass silently.
      expect(await chargesOf(leadId)).toEqual([{ refund_reason: null }]);

      await system.app('escrow').start();
      const notFailed = await api(base, 'POST', `/api/admin/sagas/${sagaId}/retry`, {
        token: vendor.token,
      });
      expect(notFailed.status).toBe(403);
      const retried = await api(base, 'POST', `/api/admin/sagas/${sagaId}/retry`, {
        token: admin.token,
      });
      expect(retried.status).toBe(200);
      expect(await finished(vendor, sagaId)).toMatchObject({ status: 'compensated' });
      expect(await chargesOf(leadId)).toEqual([{ refund_reason: 'acceptance_failed' }]);
      expect(await walletBalance(base, vendor)).toBe(50);
      expect(await leadStatus(leadId)).toBe('offered');
      const again = await api(base, 'POST', `/api/admin/sagas/${sagaId}/retry`, {
        token: admin.token,
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('SAGA_NOT_FAILED');
    } finally {
      await system.db.query(
        'drop trigger fail_acceptance_slowly on jobs.lead; drop function jobs.fail_acceptance_slowly();',
      );
      await system.app('escrow').start();
      await jobsLeads.kill();
      await jobsLeads.start();
    }
  }, 60_000);
});
