import { setTimeout as sleep } from 'node:timers/promises';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import {
  deposit,
  leadFor,
  publishJob,
  registerVendor,
  walletBalance,
} from './support/marketplace.js';
import { ProcessSystem } from './support/processes.js';
import { latestSaga, sagaFinished, whileSagaRowLocked } from './support/sagas.js';

/**
 * The award saga with the services as real processes, stopped, killed or paused at each step
 * boundary: reserve → escrow funds → award. Within 30 s the job ends in progress with a funded
 * escrow, or live with the customer's money back; never one without the other.
 */
describe('accepting a quote across stopped, killed and paused services', () => {
  let system: ProcessSystem;
  let base: string;
  let keys = 0;
  const FUNDS = 500;
  const AMOUNT = 150;

  const newKey = () => `award-fault-key-${++keys}-${Date.now()}`;
  /** A funded customer's live job with one accepted lead and its pending quote. */
  const pendingQuote = async () => {
    const customer = await registerAndLogin(base, 'customer');
    await deposit(base, customer, FUNDS);
    const vendor = await registerVendor(base, { trade: 'Roofing', areas: ['HU'], funds: 50 });
    const jobId = await publishJob(base, customer, {
      trade_category: 'Roofing',
      postcode: 'HU1 1AA',
      title: 'Replace the ridge tiles',
    });
    const lead = await leadFor(base, vendor, jobId);
    await api(base, 'POST', `/api/connection/leads/${lead.lead_id}/accept`, {
      token: vendor.token,
      body: {},
    });
    const sent = await api(base, 'POST', '/api/connection/quotes', {
      token: vendor.token,
      body: {
        job_id: jobId,
        amount: AMOUNT,
        description: 'Ridge tiles',
        estimated_duration: '1 day',
      },
    });
    expect(sent.status).toBe(201);
    return { customer, jobId, quoteId: sent.body.quote_id as string };
  };
  const accept = (customer: TestUser, quoteId: string, key: string) =>
    api(base, 'PATCH', `/api/connection/quotes/${quoteId}/accept`, {
      token: customer.token,
      body: { idempotency_key: key },
    });
  const escrowsOf = async (jobId: string) =>
    (
      await system.db.query(
        'select status, funded_pence::int as funded from escrow.escrow_account where job_id = $1',
        [jobId],
      )
    ).rows;
  const jobStatus = async (jobId: string) =>
    (await system.db.query('select status from jobs.job where id = $1', [jobId])).rows[0].status;
  /** In progress with one funded escrow and the money out of the wallet: the award went through. */
  const expectAwardedOnce = async (customer: TestUser, jobId: string) => {
    expect(await jobStatus(jobId)).toBe('in_progress');
    expect(await escrowsOf(jobId)).toEqual([{ status: 'held', funded: AMOUNT * 100 }]);
    expect(await walletBalance(base, customer)).toBe(FUNDS - AMOUNT);
  };

  beforeAll(async () => {
    system = await ProcessSystem.start({
      SAGA_LEASE_MS: '2000',
      SAGA_POLL_MS: '200',
      SAGA_RETRY_MAX_MS: '1000',
      SAGA_HTTP_WAIT_MS: '1000',
      BUS_TIMEOUT_MS: '1500',
    });
    base = system.baseUrl;
  }, 60_000);
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => system?.stop());

  it('escrow stopped before the funding: 202, then awarded once escrow is back', async () => {
    const { customer, jobId, quoteId } = await pendingQuote();
    await system.app('escrow').stop();
    const first = await accept(customer, quoteId, newKey());
    expect(first.status).toBe(202);
    expect(await jobStatus(jobId)).toBe('awarding');
    await system.app('escrow').start();
    expect(await sagaFinished(base, customer, first.body.saga_id)).toMatchObject({
      status: 'completed',
      result: { quote_id: quoteId, status: 'accepted' },
    });
    await expectAwardedOnce(customer, jobId);
  }, 60_000);

  it('escrow paused past the bus timeout: the funding retried under its key happens once', async () => {
    const { customer, jobId, quoteId } = await pendingQuote();
    system.app('escrow').pause();
    const first = await accept(customer, quoteId, newKey());
    expect(first.status).toBe(202);
    await sleep(3500);
    system.app('escrow').resume();
    expect(await sagaFinished(base, customer, first.body.saga_id)).toMatchObject({
      status: 'completed',
    });
    await expectAwardedOnce(customer, jobId);
  }, 60_000);

  it('escrow funded but jobs-leads died before recording it: it resumes and awards once', async () => {
    const { customer, jobId, quoteId } = await pendingQuote();
    system.app('escrow').pause();
    const answered = accept(customer, quoteId, newKey()).catch(() => undefined);
    const saga = await eventually(async () => {
      const row = await latestSaga(system.db, 'award-quote', 'quoteId', quoteId);
      return row?.step === 1 ? row : undefined;
    });
    await whileSagaRowLocked(system.db, saga.id, async () => {
      system.app('escrow').resume();
      await eventually(async () => ((await escrowsOf(jobId)).length === 1 ? true : undefined));
      await system.app('jobs-leads').kill();
    });
    await answered;
    expect(await jobStatus(jobId)).toBe('awarding');
    await system.app('jobs-leads').start();
    expect(await sagaFinished(base, customer, saga.id)).toMatchObject({ status: 'completed' });
    await expectAwardedOnce(customer, jobId);
  }, 60_000);

  it('jobs-leads killed after the award: a retry under the same key answers the same, nothing moves again', async () => {
    const { customer, jobId, quoteId } = await pendingQuote();
    const key = newKey();
    const first = await accept(customer, quoteId, key);
    expect(first.status).toBe(200);
    await system.app('jobs-leads').kill();
    await system.app('jobs-leads').start();
    const again = await accept(customer, quoteId, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    await expectAwardedOnce(customer, jobId);
  }, 60_000);

  it('an award refused after the funding gives the customer’s money back and the job is live again', async () => {
    const { customer, jobId, quoteId } = await pendingQuote();
    // The award step fails: the database refuses this job's move to in progress.
    await system.db.query(`
      create function jobs.fail_award() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end $$;
      create trigger fail_award before update on jobs.job for each row
        when (new.status = 'in_progress' and new.id = '${jobId}') execute function jobs.fail_award();`);
    try {
      const refused = await accept(customer, quoteId, newKey());
      const sagaId =
        refused.body.saga_id ??
        (await latestSaga(system.db, 'award-quote', 'quoteId', quoteId))!.id;
      expect(await sagaFinished(base, customer, sagaId)).toMatchObject({
        status: 'compensated',
        error: { code: 'INTERNAL_ERROR' },
      });
    } finally {
      await system.db.query(
        'drop trigger fail_award on jobs.job; drop function jobs.fail_award();',
      );
    }
    expect(await jobStatus(jobId)).toBe('live');
    expect(await escrowsOf(jobId)).toEqual([{ status: 'refunded', funded: AMOUNT * 100 }]);
    expect(await walletBalance(base, customer)).toBe(FUNDS);
    const quote = await api(base, 'GET', `/api/connection/quotes/${quoteId}`, {
      token: customer.token,
    });
    expect(quote.body.status).toBe('pending');
    // And it can be awarded afterwards: the refunded escrow does not block a new one.
    expect((await accept(customer, quoteId, newKey())).status).toBe(200);
    expect(await walletBalance(base, customer)).toBe(FUNDS - AMOUNT);
  }, 60_000);
});
