import { setTimeout as sleep } from 'node:timers/promises';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import {
  awardedJob,
  registerVendor,
  serviceLinesOnce,
  walletBalance,
  type AwardedJob,
} from './support/marketplace.js';
import { TestSystem } from './support/system.js';
import { overrideEnvironment } from './support/environment.js';

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

/** Released money matches what was approved: each release is its amount, 5 % to the platform. */
async function expectReleasesMatchApprovals(system: TestSystem, escrowAccountId: string) {
  const { rows } = await system.db.query(
    `select m.amount_pence::int as amount,
            coalesce(sum(e.amount_pence) filter (where a.kind = 'vendor_wallet' and e.memo is null), 0)::int as gross,
            coalesce(-sum(e.amount_pence) filter (where e.memo = 'commission'), 0)::int as commission,
            coalesce(sum(e.amount_pence) filter (where a.kind = 'platform_revenue'), 0)::int as revenue
     from escrow.escrow_milestone m
     left join escrow.ledger_transaction t
       on t.kind = 'milestone_release' and t.reference->>'milestone_id' = m.id::text
     left join escrow.ledger_entry e on e.transaction_id = t.id
     left join escrow.account a on a.id = e.account_id
     where m.escrow_account_id = $1 and m.status = 'released'
     group by m.id, m.amount_pence`,
    [escrowAccountId],
  );
  for (const release of rows) {
    expect(release.gross).toBe(release.amount);
    expect(release.commission).toBe(Math.round(release.amount * 0.05));
    expect(release.revenue).toBe(release.commission);
  }
  const escrow = await system.db.query(
    `select e.funded_pence::int - e.released_pence::int - e.refunded_pence::int as expected,
            a.balance_pence::int as held
     from escrow.escrow_account e join escrow.account a on a.kind = 'job_escrow' and a.owner_id = e.id
     where e.id = $1`,
    [escrowAccountId],
  );
  expect(escrow.rows[0].held).toBe(escrow.rows[0].expected);
}

describe('milestones: submitted with evidence, released by approval less commission', () => {
  let system: TestSystem;
  let base: string;
  let areas = 0;
  const award = (stages = TWO_STAGES) => awardedJob(base, `CB${++areas}`, stages);
  const escrowOf = async (job: AwardedJob) =>
    (
      await api(base, 'GET', `/api/connection/jobs/${job.jobId}/escrow`, {
        token: job.customer.token,
      })
    ).body;
  const submit = (vendor: TestUser, milestoneId: string, body: unknown = EVIDENCE) =>
    api(base, 'POST', `/api/connection/milestones/${milestoneId}/submit`, {
      token: vendor.token,
      body,
    });
  const approve = (customer: TestUser, milestoneId: string) =>
    api(base, 'PATCH', `/api/connection/milestones/${milestoneId}/approve`, {
      token: customer.token,
    });
  /** Submittable once escrow has heard the job is in progress. */
  const submitted = async (job: AwardedJob, milestoneId: string) =>
    eventually(async () => {
      const answer = await submit(job.vendors[0], milestoneId);
      return answer.status === 200 ? answer : undefined;
    });

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => system.stop());

  it('submits a milestone with evidence; the escrow shows when it releases by itself', async () => {
    const job = await award();
    const [first] = (await escrowOf(job)).milestones;
    const answer = await submitted(job, first.milestone_id);
    expect(answer.body).toEqual({
      milestone_id: first.milestone_id,
      status: 'submitted',
      submission_id: expect.any(String),
      submitted_at: expect.any(String),
      auto_release_at: expect.any(String),
      event_id: expect.any(String),
    });
    const releaseIn =
      Date.parse(answer.body.auto_release_at) - Date.parse(answer.body.submitted_at);
    expect(releaseIn).toBe(14 * 24 * 3600 * 1000);
    expect((await escrowOf(job)).milestones[0]).toMatchObject({
      status: 'submitted',
      submitted_at: answer.body.submitted_at,
      auto_release_at: answer.body.auto_release_at,
    });
  });

  it('refuses submissions by anyone but the awarded vendor, and bad evidence, changing nothing', async () => {
    const job = await award();
    const [first] = (await escrowOf(job)).milestones;
    await submitted(job, first.milestone_id);
    const [, second] = (await escrowOf(job)).milestones;
    const otherVendor = await registerVendor(base, { trade: 'Carpentry', areas: ['ZE'] });
    const cases: [TestUser, unknown, number, string][] = [
      [job.customer, EVIDENCE, 403, 'WRONG_ROLE'],
      [otherVendor, EVIDENCE, 404, 'MILESTONE_NOT_FOUND'],
      [
        job.vendors[0],
        { completion_evidence: { photos: ['http://x.example.com/a.jpg'], description: 'ok' } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        job.vendors[0],
        { completion_evidence: { photos: [], description: '   ' } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        job.vendors[0],
        {
          completion_evidence: {
            photos: Array(21).fill('https://x.example.com/a.jpg'),
            description: 'ok',
          },
        },
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [who, body, status, code] of cases) {
      const refused = await submit(who, second.milestone_id, body);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    }
    expect((await escrowOf(job)).milestones[1]).toMatchObject({
      status: 'pending',
      submitted_at: null,
    });
    const resubmitted = await submit(job.vendors[0], first.milestone_id);
    expect(resubmitted.status).toBe(409);
  });

  it('approval pays the vendor the amount less 5 % commission and shows both on their statement', async () => {
    const job = await award();
    const [first, second] = (await escrowOf(job)).milestones;
    await submitted(job, first.milestone_id);
    const approved = await approve(job.customer, first.milestone_id);
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({
      milestone_id: first.milestone_id,
      status: 'released',
      released: 190,
      commission: 10,
      event_id: expect.any(String),
    });
    const vendor = job.vendors[0];
    const vendorBalanceAfterLead = 50 - job.leads[0].lead_price;
    expect(await walletBalance(base, vendor)).toBeCloseTo(vendorBalanceAfterLead + 190, 2);
    const statement = (await api(base, 'GET', '/api/connection/wallet', { token: vendor.token }))
      .body.entries;
    expect(statement.slice(0, 2).map((e: any) => [e.kind, e.amount])).toEqual([
      ['commission', -10],
      ['milestone_release', 200],
    ]);
    expect(await escrowOf(job)).toMatchObject({
      status: 'partial_released',
      released: 200,
      balance: 100,
      milestones: [{ status: 'released' }, { status: 'pending' }],
    });

    await submitted(job, second.milestone_id);
    expect((await approve(job.customer, second.milestone_id)).status).toBe(200);
    expect(await escrowOf(job)).toMatchObject({ status: 'released', released: 300, balance: 0 });
    await eventually(async () => {
      const job_ = await api(base, 'GET', `/api/connection/jobs/${job.jobId}`, {
        token: job.customer.token,
      });
      return job_.body.status === 'completed' ? true : undefined;
    });
    await expectReleasesMatchApprovals(system, job.escrowAccountId);
    const conversationId = job.leads[0].conversation_id;
    const lines = await serviceLinesOnce(base, job.customer, conversationId, 'Job completed');
    expect(lines.map((line) => line.body).slice(2)).toEqual([
      'Quote accepted. Job in progress.',
      'Vendor submitted milestone for approval',
      'Milestone approved. Payment releasing.',
      'Vendor submitted milestone for approval',
      'Milestone approved. Payment releasing.',
      'Job completed. This conversation is now read-only.',
    ]);
    const afterwards = await api(
      base,
      'POST',
      `/api/connection/conversations/${conversationId}/messages`,
      { token: vendor.token, body: { body: 'Thanks again' } },
    );
    expect(afterwards.body).toMatchObject({ code: 'CONVERSATION_LOCKED', status: 'archived' });
    const trail = (
      await api(base, 'GET', `/api/connection/events/${job.jobId}`, { token: job.customer.token })
    ).body.events.map((event: { event_type: string }) => event.event_type);
    expect(trail).toEqual(
      expect.arrayContaining(['MILESTONE_SUBMITTED', 'MILESTONE_APPROVED', 'FUNDS_RELEASED']),
    );
  });

  it('refuses approvals by the vendor, by another customer, of an unsubmitted milestone, and twice', async () => {
    const job = await award();
    const [first, second] = (await escrowOf(job)).milestones;
    await submitted(job, first.milestone_id);
    const stranger = await registerAndLogin(base, 'customer');
    const byVendor = await approve(job.vendors[0], first.milestone_id);
    expect([byVendor.status, byVendor.body.code]).toEqual([403, 'WRONG_ROLE']);
    const byStranger = await approve(stranger, first.milestone_id);
    expect([byStranger.status, byStranger.body.code]).toEqual([404, 'MILESTONE_NOT_FOUND']);
    const unsubmitted = await approve(job.customer, second.milestone_id);
    expect([unsubmitted.status, unsubmitted.body.code]).toEqual([409, 'MILESTONE_NOT_SUBMITTED']);
    expect((await approve(job.customer, first.milestone_id)).status).toBe(200);
    const twice = await approve(job.customer, first.milestone_id);
    expect([twice.status, twice.body.code]).toEqual([409, 'MILESTONE_ALREADY_RELEASED']);
    await expectReleasesMatchApprovals(system, job.escrowAccountId);
  });

  it('sends a milestone back for changes; the resubmission is a new submission, the old one kept', async () => {
    const job = await award();
    const [first] = (await escrowOf(job)).milestones;
    await submitted(job, first.milestone_id);
    const changes = await api(
      base,
      'PATCH',
      `/api/connection/milestones/${first.milestone_id}/request-changes`,
      { token: job.customer.token, body: { reason: 'The bathroom door sticks' } },
    );
    expect(changes.body).toMatchObject({ status: 'changes_requested' });
    expect((await escrowOf(job)).milestones[0]).toMatchObject({
      status: 'changes_requested',
      auto_release_at: null,
    });
    expect((await submit(job.vendors[0], first.milestone_id)).status).toBe(200);
    const submissions = await system.db.query(
      'select count(*)::int as count from escrow.milestone_submission where milestone_id = $1',
      [first.milestone_id],
    );
    expect(submissions.rows[0].count).toBe(2);
    await expect(
      system.db.query(
        'update escrow.milestone_submission set description = $1 where milestone_id = $2',
        ['rewritten', first.milestone_id],
      ),
    ).rejects.toThrow(/append-only/);
  });

  it('releases one of ten parallel approvals, paying the vendor once', async () => {
    const job = await award([{ title: 'Everything', amount: 300 }]);
    const [only] = (await escrowOf(job)).milestones;
    await submitted(job, only.milestone_id);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => approve(job.customer, only.milestone_id)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const releases = await system.db.query(
      `select count(*)::int as count from escrow.ledger_transaction
       where kind = 'milestone_release' and reference->>'milestone_id' = $1`,
      [only.milestone_id],
    );
    expect(releases.rows[0].count).toBe(1);
    await expectReleasesMatchApprovals(system, job.escrowAccountId);
  });
});

describe('milestones nobody answers release by themselves', () => {
  let system: TestSystem;
  let base: string;
  const AUTO_RELEASE_MS = 1500;

  let restoreEnvironment: () => void;

  beforeAll(async () => {
    restoreEnvironment = overrideEnvironment({
      MILESTONE_AUTO_RELEASE_MS: String(AUTO_RELEASE_MS),
      MILESTONE_RELEASE_POLL_MS: '100',
    });
    system = await TestSystem.start();
    base = system.baseUrl;
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(async () => {
    restoreEnvironment();
    await system.stop();
  });

  const submitWhenActive = (job: AwardedJob, milestoneId: string) =>
    eventually(async () => {
      const answer = await api(base, 'POST', `/api/connection/milestones/${milestoneId}/submit`, {
        token: job.vendors[0].token,
        body: EVIDENCE,
      });
      return answer.status === 200 ? answer : undefined;
    });

  it('releases a submitted milestone once its auto-release time passes, the system as actor', async () => {
    const job = await awardedJob(base, 'PE1', [{ title: 'Everything', amount: 100 }]);
    const escrow = (
      await api(base, 'GET', `/api/connection/jobs/${job.jobId}/escrow`, {
        token: job.customer.token,
      })
    ).body;
    await submitWhenActive(job, escrow.milestones[0].milestone_id);
    const released = await eventually(async () => {
      const { rows } = await system.db.query(
        `select envelope->'actor'->>'role' as actor from escrow.outbox
         where envelope->>'event_type' = 'MILESTONE_AUTO_RELEASED'
           and envelope->'subject'->>'id' = $1`,
        [escrow.milestones[0].milestone_id],
      );
      return rows[0];
    }, 10_000);
    expect(released.actor).toBe('system');
    expect(await walletBalance(base, job.vendors[0])).toBeCloseTo(
      50 - job.leads[0].lead_price + 95,
      2,
    );
  });

  it('releases once when an approval races the auto-release', async () => {
    const job = await awardedJob(base, 'PE2', [{ title: 'Everything', amount: 100 }]);
    const escrow = (
      await api(base, 'GET', `/api/connection/jobs/${job.jobId}/escrow`, {
        token: job.customer.token,
      })
    ).body;
    const milestoneId = escrow.milestones[0].milestone_id;
    const submission = await submitWhenActive(job, milestoneId);
    await sleep(Date.parse(submission.body.auto_release_at) - Date.now() - 20);
    const approvals = await Promise.all(
      Array.from({ length: 5 }, () =>
        api(base, 'PATCH', `/api/connection/milestones/${milestoneId}/approve`, {
          token: job.customer.token,
        }),
      ),
    );
    expect(approvals.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(1);
    await eventually(async () => {
      const { rows } = await system.db.query(
        'select status from escrow.escrow_milestone where id = $1',
        [milestoneId],
      );
      return rows[0].status === 'released' ? true : undefined;
    });
    const releases = await system.db.query(
      `select count(*)::int as count from escrow.ledger_transaction
       where kind = 'milestone_release' and reference->>'milestone_id' = $1`,
      [milestoneId],
    );
    expect(releases.rows[0].count).toBe(1);
    expect(await walletBalance(base, job.vendors[0])).toBeCloseTo(
      50 - job.leads[0].lead_price + 95,
      2,
    );
  });
});
