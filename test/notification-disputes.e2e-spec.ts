import { createAdmin } from './support/admin.js';
import { openDisputeWhenActive } from './support/disputes.js';
import { api, eventually, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { awardedJob } from './support/marketplace.js';
import { completedJob } from './support/reviews.js';
import type { SmtpSink } from './support/smtp-sink.js';
import type { TestSystem } from './support/system.js';
import { startMailingSystem, type MailingSystem } from './support/mailing-system.js';

describe('notifications of disputes and reviews', () => {
  let system: TestSystem;
  let base: string;
  let smtp: SmtpSink;
  let admin: { token: string };
  let areas = 0;
  let mailing: MailingSystem;

  const titlesOf = async (user: { token: string }) =>
    (
      await api(base, 'GET', '/api/connection/notifications?limit=100', { token: user.token })
    ).body.notifications.map((n: { title: string }) => n.title);
  /** Once every one of `titles` is among the user's notifications. */
  const told = (user: { token: string }, titles: string[]) =>
    eventually(async () => {
      const have = await titlesOf(user);
      return titles.every((title) => have.includes(title)) ? have : undefined;
    });

  beforeAll(async () => {
    mailing = await startMailingSystem({ EMAIL_POLL_MS: '50' });
    ({ system, smtp } = mailing);
    base = system.baseUrl;
    admin = await createAdmin(base);
    // The admin's USER_REGISTERED reaches notifications through the gateway's relay.
    await told(admin, ['Welcome to TradeMatch']);
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => mailing.stop());

  it('tells both parties and the admins of a dispute, and of evidence the other party', async () => {
    const job = await awardedJob(base, `DN${++areas}`, [{ title: 'Hang the doors', amount: 200 }]);
    const [vendor] = job.vendors;
    const opened = await openDisputeWhenActive(base, job.customer, {
      job_id: job.jobId,
      reason: 'work_not_done',
      description: 'Nothing was done',
    });
    const disputeId: string = opened.body.dispute_id;
    await told(job.customer, ['Your dispute is open']);
    await told(vendor, ['The customer opened a dispute']);
    await told(admin, ['New dispute']);

    const evidence = await api(base, 'POST', `/api/connection/disputes/${disputeId}/evidence`, {
      token: vendor.token,
      body: { description: 'Photos of the hung doors' },
    });
    expect(evidence.status).toBe(201);
    await told(job.customer, ['New evidence in your dispute']);

    const resolved = await api(base, 'PATCH', `/api/admin/disputes/${disputeId}/resolve`, {
      token: admin.token,
      body: { outcome: 'refund', note: 'Nothing was done' },
    });
    expect(resolved.status).toBe(200);
    const customerTitles = await told(job.customer, ['Your dispute is resolved']);
    const vendorTitles = await told(vendor, ['Your dispute is resolved']);
    await told(admin, ['Dispute resolved']);
    expect(vendorTitles).not.toContain('New evidence in your dispute');
    expect(customerTitles.filter((t: string) => t === 'Your dispute is resolved')).toHaveLength(1);

    // Disputes are locked on: they are emailed whatever the preferences.
    await eventually(async () =>
      smtp.subjectsTo(job.customer.email).includes('Your dispute is resolved') ? true : undefined,
    );
    const customerMails = smtp.mailsTo(job.customer.email);
    expect(
      customerMails.find((mail) => mail.subject === 'Your dispute is resolved')?.text,
    ).toContain('£200 back to your wallet');
    expect(smtp.subjectsTo(vendor.email)).toContain('The customer opened a dispute');
  });

  it('tells the vendor of a published review, and the admins of one held for moderation', async () => {
    const review = (job: { customer: TestUser; jobId: string }, feedback: string) =>
      api(base, 'POST', '/api/connection/reviews', {
        token: job.customer.token,
        body: { job_id: job.jobId, rating: 5, feedback, recommend_yes_no: true },
      });
    const clean = await completedJob(base, `RN${++areas}`);
    const published = await review(clean, 'Quick, tidy, fixed first time');
    expect([published.status, published.body.status]).toEqual([201, 'published']);
    await told(clean.vendor, ['New review: 5 out of 5']);

    const held = await completedJob(base, `RN${++areas}`);
    const pending = await review(held, 'Great work, call me on 07911 123456');
    expect([pending.status, pending.body.status]).toEqual([201, 'pending_moderation']);
    await told(admin, ['A review waits for moderation']);
    expect(await titlesOf(held.vendor)).not.toContain('New review: 5 out of 5');
    const approved = await api(
      base,
      'PATCH',
      `/api/admin/reviews/${pending.body.review_id}/moderate`,
      {
        token: admin.token,
        body: { decision: 'approve' },
      },
    );
    expect(approved.status).toBe(200);
    await told(held.vendor, ['New review']);
  });
});
