import { randomUUID } from 'node:crypto';
import { createAdmin } from './support/admin.js';
import {
  expectDisputeMoneyConsistent,
  jobReaches,
  openDisputeWhenActive,
} from './support/disputes.js';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import {
  awardedJob,
  publishJob,
  registerVendor,
  serviceLinesOnce,
  walletBalance,
  type AwardedJob,
} from './support/marketplace.js';
import { TestSystem } from './support/system.js';

const EVIDENCE = {
  completion_evidence: {
    photos: ['https://photos.example.com/doors-1.jpg'],
    description: 'All three doors hung and closing freely',
  },
};
const TWO_STAGES = [
  { title: 'Hang the doors', amount: 200 },
  { title: 'Fit the handles', amount: 100 },
];
const DAYS_5 = 5 * 24 * 3600 * 1000;

describe('disputes: frozen milestones, evidence, agreement and admin resolution', () => {
  let system: TestSystem;
  let base: string;
  let admin: { token: string };
  let areas = 0;

  const award = (stages = TWO_STAGES) => awardedJob(base, `DH${++areas}`, stages);
  const escrowOf = async (job: AwardedJob) =>
    (
      await api(base, 'GET', `/api/connection/jobs/${job.jobId}/escrow`, {
        token: job.customer.token,
      })
    ).body;
  /** Submitted (once escrow knows the job is in progress) and approved by the customer. */
  const release = async (job: AwardedJob, milestoneId: string) => {
    await eventually(async () => {
      const answer = await api(base, 'POST', `/api/connection/milestones/${milestoneId}/submit`, {
        token: job.vendors[0].token,
        body: EVIDENCE,
      });
      return answer.status === 200 ? answer : undefined;
    });
    const approved = await api(base, 'PATCH', `/api/connection/milestones/${milestoneId}/approve`, {
      token: job.customer.token,
    });
    expect(approved.status).toBe(200);
  };
  const open = (job: AwardedJob, party: TestUser, changes: Record<string, unknown> = {}) =>
    openDisputeWhenActive(base, party, {
      job_id: job.jobId,
      reason: 'work_not_done',
      description: 'The back door was never hung',
      ...changes,
    });
  const read = (who: TestUser | { token: string }, disputeId: string) =>
    api(base, 'GET', `/api/connection/disputes/${disputeId}`, { token: who.token });
  const evidence = (who: TestUser, disputeId: string, body: unknown) =>
    api(base, 'POST', `/api/connection/disputes/${disputeId}/evidence`, { token: who.token, body });
  const propose = (who: TestUser, disputeId: string, vendorAmount: unknown) =>
    api(base, 'POST', `/api/connection/disputes/${disputeId}/proposals`, {
      token: who.token,
      body: { vendor_amount: vendorAmount },
    });
  const accept = (who: TestUser, disputeId: string, proposalId: string) =>
    api(base, 'PATCH', `/api/connection/disputes/${disputeId}/proposals/${proposalId}/accept`, {
      token: who.token,
    });
  const resolve = (disputeId: string, body: unknown, token = admin.token) =>
    api(base, 'PATCH', `/api/admin/disputes/${disputeId}/resolve`, { token, body });
  const countDisputes = async (escrowId: string) =>
    (
      await system.db.query(
        'select count(*)::int as count from escrow.dispute where escrow_account_id = $1',
        [escrowId],
      )
    ).rows[0].count;

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    admin = await createAdmin(base);
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => system.stop());

  it('freezes every milestone not yet paid out: no approval, escrow and job disputed, a line in the conversation', async () => {
    const job = await award();
    const [first, second] = (await escrowOf(job)).milestones;
    await release(job, first.milestone_id);
    await eventually(async () => {
      const answer = await api(
        base,
        'POST',
        `/api/connection/milestones/${second.milestone_id}/submit`,
        { token: job.vendors[0].token, body: EVIDENCE },
      );
      return answer.status === 200 ? answer : undefined;
    });

    const opened = await open(job, job.customer);
    expect(opened.body).toEqual({
      dispute_id: expect.any(String),
      status: 'open',
      respond_by: expect.any(String),
      event_id: expect.any(String),
    });
    expect(Date.parse(opened.body.respond_by) - Date.now()).toBeGreaterThan(DAYS_5 - 60_000);
    const disputeId = opened.body.dispute_id;

    expect(await escrowOf(job)).toMatchObject({
      status: 'disputed',
      released: 200,
      balance: 100,
      milestones: [{ status: 'released' }, { status: 'disputed', auto_release_at: null }],
    });
    for (const action of ['approve', 'request-changes']) {
      const refused = await api(
        base,
        'PATCH',
        `/api/connection/milestones/${second.milestone_id}/${action}`,
        { token: job.customer.token, body: action === 'approve' ? undefined : { reason: 'No' } },
      );
      expect([refused.status, refused.body.code]).toEqual([409, 'MILESTONE_DISPUTED']);
    }

    const seen = await read(job.vendors[0], disputeId);
    expect(seen.body).toMatchObject({
      dispute_id: disputeId,
      job_id: job.jobId,
      escrow_account_id: job.escrowAccountId,
      opened_by: { user_id: job.customer.id, role: 'customer' },
      reason: 'work_not_done',
      status: 'open',
      disputed_amount: 100,
      respond_by: opened.body.respond_by,
      responded_at: null,
      milestones: [
        { milestone_id: second.milestone_id, amount: 100, status: 'disputed', vendor_amount: null },
      ],
      evidence: [],
      proposals: [],
      resolution: null,
    });
    expect((await read(job.customer, disputeId)).body).toEqual(seen.body);
    const stranger = await registerAndLogin(base, 'customer');
    const otherVendor = await registerVendor(base, { trade: 'Carpentry', areas: ['ZE'] });
    for (const outsider of [stranger, otherVendor]) {
      const hidden = await read(outsider, disputeId);
      expect([hidden.status, hidden.body.code]).toEqual([404, 'DISPUTE_NOT_FOUND']);
    }

    await jobReaches(base, job, 'disputed');
    const lines = await serviceLinesOnce(
      base,
      job.customer,
      job.leads[0].conversation_id,
      'Dispute opened',
    );
    expect(lines.map((line) => line.body)).toContain(
      'Dispute opened by the customer (work not done). £100 of milestone payments is frozen until it is resolved.',
    );
    const trail = await eventually(async () => {
      const events = (
        await api(base, 'GET', `/api/connection/events/${job.jobId}`, { token: job.customer.token })
      ).body.events.map((event: { event_type: string }) => event.event_type);
      return events.includes('JOB_DISPUTED') ? events : undefined;
    });
    expect(trail).toEqual(expect.arrayContaining(['DISPUTE_OPENED', 'JOB_DISPUTED']));
  });

  it('refuses disputes by outsiders, on jobs not in progress, on paid or unknown milestones, twice, changing nothing', async () => {
    const job = await award();
    const [first, second] = (await escrowOf(job)).milestones;
    await release(job, first.milestone_id);
    const before = await escrowOf(job);
    const stranger = await registerAndLogin(base, 'customer');
    const otherVendor = await registerVendor(base, { trade: 'Carpentry', areas: ['ZE'] });
    const liveJobId = await publishJob(base, job.customer, { postcode: 'ZE1 1AA' });
    const body = { job_id: job.jobId, reason: 'poor_quality', description: 'Doors stick' };
    const cases: [TestUser | { token: string }, Record<string, unknown>, number, string][] = [
      [stranger, body, 404, 'ESCROW_NOT_FOUND'],
      [otherVendor, body, 404, 'ESCROW_NOT_FOUND'],
      [job.customer, { ...body, job_id: liveJobId }, 404, 'ESCROW_NOT_FOUND'],
      [job.customer, { ...body, job_id: 'not-a-job' }, 404, 'ESCROW_NOT_FOUND'],
      [
        job.customer,
        { ...body, milestone_id: first.milestone_id },
        409,
        'MILESTONE_ALREADY_RELEASED',
      ],
      [job.customer, { ...body, milestone_id: randomUUID() }, 404, 'MILESTONE_NOT_FOUND'],
      [job.customer, { ...body, reason: 'bored' }, 400, 'VALIDATION_FAILED'],
      [job.customer, { ...body, description: '   ' }, 400, 'VALIDATION_FAILED'],
      [job.customer, { reason: 'other', description: 'x' }, 400, 'VALIDATION_FAILED'],
      [admin, body, 403, 'WRONG_ROLE'],
    ];
    for (const [who, request, status, code] of cases) {
      const refused = await api(base, 'POST', '/api/connection/disputes', {
        token: who.token,
        body: request,
      });
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    }
    expect(await escrowOf(job)).toEqual(before);
    expect(await countDisputes(job.escrowAccountId)).toBe(0);

    const opened = await open(job, job.vendors[0], { milestone_id: second.milestone_id });
    for (const again of [{ milestone_id: second.milestone_id }, {}]) {
      const twice = await api(base, 'POST', '/api/connection/disputes', {
        token: job.customer.token,
        body: { ...body, ...again },
      });
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({
        code: 'DISPUTE_ALREADY_OPEN',
        dispute_id: opened.body.dispute_id,
      });
    }
    expect(await countDisputes(job.escrowAccountId)).toBe(1);

    const done = await award([{ title: 'Everything', amount: 50 }]);
    await release(done, (await escrowOf(done)).milestones[0].milestone_id);
    await jobReaches(base, done, 'completed');
    const closed = await api(base, 'POST', '/api/connection/disputes', {
      token: done.customer.token,
      body: { ...body, job_id: done.jobId },
    });
    expect([closed.status, closed.body.code]).toEqual([409, 'JOB_NOT_IN_PROGRESS']);
  });

  it('keeps evidence from both parties as added; only the other party’s answers the dispute', async () => {
    const job = await award();
    const opened = await open(job, job.vendors[0], { reason: 'not_paid' });
    const disputeId = opened.body.dispute_id;
    const own = await evidence(job.vendors[0], disputeId, { description: 'All doors hung' });
    expect(own.status).toBe(201);
    expect((await read(job.customer, disputeId)).body.responded_at).toBeNull();
    const answer = await evidence(job.customer, disputeId, {
      description: 'The back door rubs',
      urls: ['https://photos.example.com/rub.jpg'],
    });
    expect(answer.body).toEqual({
      evidence_id: expect.any(String),
      dispute_id: disputeId,
      created_at: expect.any(String),
      event_id: expect.any(String),
    });
    const seen = (await read(job.vendors[0], disputeId)).body;
    expect(seen.responded_at).toBe(answer.body.created_at);
    expect(seen.evidence).toEqual([
      {
        evidence_id: own.body.evidence_id,
        author: { user_id: job.vendors[0].id, role: 'vendor' },
        description: 'All doors hung',
        urls: [],
        created_at: own.body.created_at,
      },
      {
        evidence_id: answer.body.evidence_id,
        author: { user_id: job.customer.id, role: 'customer' },
        description: 'The back door rubs',
        urls: ['https://photos.example.com/rub.jpg'],
        created_at: answer.body.created_at,
      },
    ]);
    const refusals: [TestUser, unknown, number, string][] = [
      [
        await registerAndLogin(base, 'customer'),
        { description: 'me too' },
        404,
        'DISPUTE_NOT_FOUND',
      ],
      [
        job.customer,
        { description: 'x', urls: ['http://a.example.com/x.jpg'] },
        400,
        'VALIDATION_FAILED',
      ],
      [job.customer, { description: '' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [who, body, status, code] of refusals) {
      const refused = await evidence(who, disputeId, body);
      expect([refused.status, refused.body.code]).toEqual([status, code]);
    }
    await expect(
      system.db.query('update escrow.dispute_evidence set description = $1 where dispute_id = $2', [
        'rewritten',
        disputeId,
      ]),
    ).rejects.toThrow(/append-only/);
  });

  it('resolves as agreed when the other party accepts the latest proposal, splitting milestones in order', async () => {
    const job = await award();
    const [vendor, customer] = [job.vendors[0], job.customer];
    const disputeId = (await open(job, customer)).body.dispute_id;
    const first = await propose(vendor, disputeId, 250);
    expect(first.body).toMatchObject({
      status: 'pending',
      vendor_amount: 250,
      customer_amount: 50,
    });
    const tooMuch = await propose(vendor, disputeId, 300.01);
    expect([tooMuch.status, tooMuch.body.code]).toEqual([422, 'VENDOR_AMOUNT_OUT_OF_RANGE']);
    expect(tooMuch.body).toMatchObject({ disputed_amount: 300 });
    for (const wrong of [-1, 'lots', 1.005]) {
      expect((await propose(vendor, disputeId, wrong)).body.code).toBe('VALIDATION_FAILED');
    }
    const counter = await propose(customer, disputeId, 120);
    const own = await accept(customer, disputeId, counter.body.proposal_id);
    expect([own.status, own.body.code]).toEqual([409, 'OWN_PROPOSAL']);
    const stale = await accept(customer, disputeId, first.body.proposal_id);
    expect([stale.status, stale.body.code]).toEqual([409, 'PROPOSAL_NOT_PENDING']);
    const unknown = await accept(vendor, disputeId, randomUUID());
    expect([unknown.status, unknown.body.code]).toEqual([404, 'PROPOSAL_NOT_FOUND']);

    const vendorBefore = await walletBalance(base, vendor);
    const customerBefore = await walletBalance(base, customer);
    const agreed = await accept(vendor, disputeId, counter.body.proposal_id);
    expect(agreed.body).toEqual({
      dispute_id: disputeId,
      status: 'resolved',
      resolution: 'agreed',
      outcome: 'split',
      vendor_amount: 120,
      customer_amount: 180,
      commission: 6,
      escrow_status: 'partially_refunded',
      event_id: expect.any(String),
    });
    expect(await walletBalance(base, vendor)).toBeCloseTo(vendorBefore + 114, 2);
    expect(await walletBalance(base, customer)).toBeCloseTo(customerBefore + 180, 2);
    expect(await escrowOf(job)).toMatchObject({
      status: 'partially_refunded',
      released: 120,
      refunded: 180,
      balance: 0,
      milestones: [{ status: 'released' }, { status: 'refunded' }],
    });
    const settled = (await read(customer, disputeId)).body;
    expect(settled.milestones).toMatchObject([
      { amount: 200, status: 'released', vendor_amount: 120, customer_amount: 80 },
      { amount: 100, status: 'refunded', vendor_amount: 0, customer_amount: 100 },
    ]);
    expect(settled.proposals.map((p: { status: string }) => p.status)).toEqual([
      'superseded',
      'accepted',
    ]);
    expect(settled.resolution).toMatchObject({
      resolution: 'agreed',
      outcome: 'split',
      note: null,
      resolved_by: { id: vendor.id, role: 'vendor' },
    });
    for (const late of [
      await evidence(customer, disputeId, { description: 'One more thing' }),
      await propose(customer, disputeId, 10),
      await accept(vendor, disputeId, counter.body.proposal_id),
    ]) {
      expect([late.status, late.body.code]).toEqual([409, 'DISPUTE_NOT_OPEN']);
    }
    await jobReaches(base, job, 'completed');
    const lines = await serviceLinesOnce(
      base,
      customer,
      job.leads[0].conversation_id,
      'Dispute resolved',
    );
    expect(lines.map((line) => line.body)).toContain(
      'Dispute resolved by agreement: £120 to the vendor, £180 back to the customer.',
    );
    await expectDisputeMoneyConsistent(system.db, job.escrowAccountId);
  });

  it('shows admins the queue and each case with its job, quote, escrow and full trail; others get 403', async () => {
    const job = await award();
    const disputeId = (await open(job, job.customer)).body.dispute_id;
    await evidence(job.vendors[0], disputeId, { description: 'Photos attached' });
    await propose(job.vendors[0], disputeId, 200);
    for (const who of [job.customer, job.vendors[0]]) {
      for (const [method, path] of [
        ['GET', '/api/admin/disputes'],
        ['GET', `/api/admin/disputes/${disputeId}`],
      ]) {
        const refused = await api(base, method, path, { token: who.token });
        expect([refused.status, refused.body.code]).toEqual([403, 'WRONG_ROLE']);
      }
      const decided = await resolve(disputeId, { outcome: 'refund', note: 'mine' }, who.token);
      expect([decided.status, decided.body.code]).toEqual([403, 'WRONG_ROLE']);
    }

    const queue = (await api(base, 'GET', '/api/admin/disputes?status=open&limit=100', admin)).body;
    const ids = queue.disputes.map((dispute: { dispute_id: string }) => dispute.dispute_id);
    expect(ids).toContain(disputeId);
    expect([...ids].sort()).toEqual(ids);
    const escalated = (await api(base, 'GET', '/api/admin/disputes?status=escalated', admin)).body;
    expect(escalated.disputes.map((d: { dispute_id: string }) => d.dispute_id)).not.toContain(
      disputeId,
    );
    const bad = await api(base, 'GET', '/api/admin/disputes?status=lost', admin);
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const found = await eventually(async () => {
      const answer = await api(base, 'GET', `/api/admin/disputes/${disputeId}`, admin);
      const types = answer.body.audit_trail.map(
        (event: { event_type: string }) => event.event_type,
      );
      return types.includes('DISPUTE_PROPOSAL_MADE') && types.includes('JOB_DISPUTED')
        ? answer.body
        : undefined;
    });
    expect(found).toMatchObject({
      dispute: { dispute_id: disputeId, status: 'open', evidence: [{}], proposals: [{}] },
      job: { job_id: job.jobId, status: 'disputed' },
      quote: { quote_id: job.quoteId, amount: 300, milestones: TWO_STAGES },
      escrow: { escrow_account_id: job.escrowAccountId, status: 'disputed' },
    });
    expect(found.audit_trail.map((event: { event_type: string }) => event.event_type)).toEqual(
      expect.arrayContaining([
        'JOB_CREATED',
        'QUOTE_ACCEPTED',
        'DISPUTE_OPENED',
        'DISPUTE_EVIDENCE_ADDED',
      ]),
    );
    const unknown = await api(base, 'GET', `/api/admin/disputes/${randomUUID()}`, admin);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'DISPUTE_NOT_FOUND']);
  });

  it('releases everything disputed by an admin: the vendor is paid less commission, the job completes', async () => {
    const job = await award();
    const disputeId = (await open(job, job.vendors[0], { reason: 'not_paid' })).body.dispute_id;
    const vendorBefore = await walletBalance(base, job.vendors[0]);
    const released = await resolve(disputeId, { outcome: 'release', note: 'Work done as quoted' });
    expect(released.body).toMatchObject({
      resolution: 'admin',
      outcome: 'release',
      vendor_amount: 300,
      customer_amount: 0,
      commission: 15,
      escrow_status: 'released',
    });
    expect(await walletBalance(base, job.vendors[0])).toBeCloseTo(vendorBefore + 285, 2);
    expect(await escrowOf(job)).toMatchObject({ status: 'released', released: 300, balance: 0 });
    expect((await read(job.customer, disputeId)).body.resolution).toMatchObject({
      note: 'Work done as quoted',
      resolved_by: { role: 'admin' },
    });
    await jobReaches(base, job, 'completed');
    const again = await resolve(disputeId, { outcome: 'refund', note: 'Changed my mind' });
    expect([again.status, again.body.code]).toEqual([409, 'DISPUTE_NOT_OPEN']);
    await expectDisputeMoneyConsistent(system.db, job.escrowAccountId);
  });

  it('refunds everything disputed by an admin: the job is cancelled, the vendor’s lead is not refunded', async () => {
    const job = await award();
    const disputeId = (await open(job, job.customer)).body.dispute_id;
    const customerBefore = await walletBalance(base, job.customer);
    const vendorBefore = await walletBalance(base, job.vendors[0]);
    const refunded = await resolve(disputeId, { outcome: 'refund', note: 'Nothing was done' });
    expect(refunded.body).toMatchObject({
      outcome: 'refund',
      vendor_amount: 0,
      customer_amount: 300,
      commission: 0,
      escrow_status: 'refunded',
    });
    expect(await walletBalance(base, job.customer)).toBeCloseTo(customerBefore + 300, 2);
    expect(await escrowOf(job)).toMatchObject({ status: 'refunded', refunded: 300, balance: 0 });
    await jobReaches(base, job, 'cancelled');
    await serviceLinesOnce(base, job.customer, job.leads[0].conversation_id, 'Job cancelled');
    const locked = await api(
      base,
      'POST',
      `/api/connection/conversations/${job.leads[0].conversation_id}/messages`,
      { token: job.vendors[0].token, body: { body: 'Please reconsider' } },
    );
    expect(locked.body.code).toBe('CONVERSATION_LOCKED');
    expect(await walletBalance(base, job.vendors[0])).toBeCloseTo(vendorBefore, 2);
    await expectDisputeMoneyConsistent(system.db, job.escrowAccountId);
  });

  it('splits one disputed milestone by an admin; the job resumes and completes with the rest', async () => {
    const job = await award();
    const [first, second] = (await escrowOf(job)).milestones;
    const disputeId = (await open(job, job.customer, { milestone_id: first.milestone_id })).body
      .dispute_id;
    await jobReaches(base, job, 'disputed');
    const refusals: [unknown, number, string][] = [
      [{ outcome: 'split', note: 'Half' }, 400, 'VALIDATION_FAILED'],
      [{ outcome: 'split', vendor_amount: 0, note: 'Half' }, 422, 'VENDOR_AMOUNT_OUT_OF_RANGE'],
      [{ outcome: 'split', vendor_amount: 200, note: 'Half' }, 422, 'VENDOR_AMOUNT_OUT_OF_RANGE'],
      [{ outcome: 'split', vendor_amount: 250, note: 'Half' }, 422, 'VENDOR_AMOUNT_OUT_OF_RANGE'],
      [{ outcome: 'split', vendor_amount: -5, note: 'Half' }, 400, 'VALIDATION_FAILED'],
      [{ outcome: 'halve', note: 'Half' }, 400, 'VALIDATION_FAILED'],
      [{ outcome: 'refund' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of refusals) {
      const refused = await resolve(disputeId, body);
      expect([refused.status, refused.body.code]).toEqual([status, code]);
    }
    expect((await read(job.customer, disputeId)).body.status).toBe('open');
    expect(await escrowOf(job)).toMatchObject({ status: 'disputed', released: 0, refunded: 0 });

    const split = await resolve(disputeId, {
      outcome: 'split',
      vendor_amount: 50,
      note: 'A quarter done',
    });
    expect(split.body).toMatchObject({
      outcome: 'split',
      vendor_amount: 50,
      customer_amount: 150,
      commission: 2.5,
      escrow_status: 'partial_released',
    });
    await jobReaches(base, job, 'in_progress');
    await release(job, second.milestone_id);
    expect(await escrowOf(job)).toMatchObject({
      status: 'partially_refunded',
      released: 150,
      refunded: 150,
      balance: 0,
      milestones: [{ status: 'released' }, { status: 'released' }],
    });
    await jobReaches(base, job, 'completed');
    await eventually(async () => {
      const trail = (
        await api(base, 'GET', `/api/connection/events/${job.jobId}`, {
          token: job.customer.token,
        })
      ).body.events.map((event: { event_type: string }) => event.event_type);
      return ['JOB_DISPUTED', 'DISPUTE_RESOLVED', 'JOB_RESUMED'].every((type) =>
        trail.includes(type),
      )
        ? true
        : undefined;
    });
    await expectDisputeMoneyConsistent(system.db, job.escrowAccountId);
  });

  it('keeps the job disputed until its last open dispute is resolved', async () => {
    const job = await award();
    const [first, second] = (await escrowOf(job)).milestones;
    const one = (await open(job, job.customer, { milestone_id: first.milestone_id })).body;
    const two = (await open(job, job.vendors[0], { milestone_id: second.milestone_id })).body;
    const firstDone = await resolve(one.dispute_id, { outcome: 'release', note: 'Doors hung' });
    expect(firstDone.body.escrow_status).toBe('disputed');
    await jobReaches(base, job, 'disputed');
    const secondDone = await resolve(two.dispute_id, { outcome: 'refund', note: 'No handles' });
    expect(secondDone.body.escrow_status).toBe('partially_refunded');
    await jobReaches(base, job, 'completed');
    await expectDisputeMoneyConsistent(system.db, job.escrowAccountId);
  });

  it('settles once when admins race the other party accepting a proposal', async () => {
    const job = await award();
    const disputeId = (await open(job, job.customer)).body.dispute_id;
    const proposal = (await propose(job.customer, disputeId, 100)).body;
    const answers = await Promise.all([
      accept(job.vendors[0], disputeId, proposal.proposal_id),
      ...Array.from({ length: 4 }, () => resolve(disputeId, { outcome: 'refund', note: 'Race' })),
    ]);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    for (const answer of answers.filter((each) => each.status !== 200)) {
      expect([answer.status, answer.body.code]).toEqual([409, 'DISPUTE_NOT_OPEN']);
    }
    await expectDisputeMoneyConsistent(system.db, job.escrowAccountId);
  });
});
