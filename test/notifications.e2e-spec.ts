import { setTimeout as sleep } from 'node:timers/promises';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { deposit, leadFor, publishJob, registerVendor } from './support/marketplace.js';
import type { SmtpSink } from './support/smtp-sink.js';
import type { TestSystem } from './support/system.js';
import { startMailingSystem, type MailingSystem } from './support/mailing-system.js';

const ENV = { EMAIL_POLL_MS: '50' };

describe('notifications: in-app and email, as the rules table says', () => {
  let system: TestSystem;
  let base: string;
  let smtp: SmtpSink;
  let areas = 0;
  let mailing: MailingSystem;

  const notificationsOf = async (user: TestUser, query = '') =>
    (
      await api(base, 'GET', `/api/connection/notifications?limit=100${query}`, {
        token: user.token,
      })
    ).body;
  const titlesOf = async (user: TestUser) =>
    (await notificationsOf(user)).notifications.map((n: { title: string }) => n.title).sort();
  /** Once `user` has `count` notifications, and still has exactly as many a moment later. */
  const settledTitles = async (user: TestUser, count: number) => {
    await eventually(async () => ((await titlesOf(user)).length >= count ? true : undefined));
    await sleep(400);
    return titlesOf(user);
  };
  const settledMail = async (user: TestUser, count: number) => {
    await eventually(async () => (smtp.mailsTo(user.email).length >= count ? true : undefined));
    await sleep(400);
    return smtp.subjectsTo(user.email);
  };

  beforeAll(async () => {
    mailing = await startMailingSystem(ENV);
    ({ system, smtp } = mailing);
    base = system.baseUrl;
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => mailing.stop());

  it('tells each party of a full flow exactly what the table says, in-app and by email', async () => {
    const area = `NN${++areas}`;
    const winner = await registerVendor(base, { trade: 'Plumbing', areas: [area], funds: 50 });
    const other = await registerVendor(base, { trade: 'Plumbing', areas: [area], funds: 50 });
    const customer = await registerAndLogin(base, 'customer');
    await deposit(base, customer, 500);
    const jobId = await publishJob(base, customer, { postcode: `${area} 1AA` });
    const accepted: string[] = [];
    const leadPrices: number[] = [];
    for (const vendor of [winner, other]) {
      const lead = await leadFor(base, vendor, jobId);
      leadPrices.push(lead.lead_price);
      const answer = await api(base, 'POST', `/api/connection/leads/${lead.lead_id}/accept`, {
        token: vendor.token,
      });
      expect(answer.status).toBe(200);
      accepted.push(answer.body.conversation_id);
    }
    const conversation = accepted[0];
    await eventually(async () => {
      const page = await api(
        base,
        'GET',
        `/api/connection/conversations/${conversation}/messages`,
        {
          token: customer.token,
        },
      );
      return page.status === 200 ? true : undefined;
    });
    const say = (who: TestUser, body: string) =>
      api(base, 'POST', `/api/connection/conversations/${conversation}/messages`, {
        token: who.token,
        body: { body },
      });
    expect((await say(customer, 'Can you come tomorrow?')).status).toBe(201);
    expect((await say(winner, 'Yes, at 9')).status).toBe(201);
    const quote = await api(base, 'POST', '/api/connection/quotes', {
      token: winner.token,
      body: {
        job_id: jobId,
        amount: 120,
        description: 'New washer',
        estimated_duration: '2 hours',
      },
    });
    expect(quote.status).toBe(201);
    const award = await api(base, 'PATCH', `/api/connection/quotes/${quote.body.quote_id}/accept`, {
      token: customer.token,
      body: {},
    });
    expect(award.status).toBe(200);
    const milestoneId = await eventually(async () => {
      const escrow = await api(base, 'GET', `/api/connection/jobs/${jobId}/escrow`, {
        token: customer.token,
      });
      const [milestone] = escrow.body.milestones ?? [];
      const submitted = await api(
        base,
        'POST',
        `/api/connection/milestones/${milestone.milestone_id}/submit`,
        {
          token: winner.token,
          body: {
            completion_evidence: {
              photos: ['https://photos.example.com/tap.jpg'],
              description: 'Tap fixed',
            },
          },
        },
      );
      return submitted.status === 200 ? milestone.milestone_id : undefined;
    });
    const approved = await api(base, 'PATCH', `/api/connection/milestones/${milestoneId}/approve`, {
      token: customer.token,
    });
    expect(approved.status).toBe(200);

    const customerTitles = [
      'A tradesperson accepted your job',
      'A tradesperson accepted your job',
      'Job complete',
      'Milestone submitted: Complete the job',
      'New message from your tradesperson',
      'Quote received: £120',
      'Welcome to TradeMatch',
      'Your job is live',
      '£120 held in escrow',
      '£500 added to your wallet',
    ].sort();
    const winnerTitles = [
      'Lead accepted. Messaging enabled.',
      'New lead: Fix leaking kitchen tap',
      'New message from your customer',
      'Payment released: £114',
      'Welcome to TradeMatch',
      'Your quote was accepted! £120 job starts now.',
      '£50 added to your wallet',
    ].sort();
    const otherTitles = [
      'Lead accepted. Messaging enabled.',
      'New lead: Fix leaking kitchen tap',
      'This job is no longer available',
      'Welcome to TradeMatch',
      '£50 added to your wallet',
    ].sort();
    expect(await settledTitles(customer, customerTitles.length)).toEqual(customerTitles);
    expect(await settledTitles(winner, winnerTitles.length)).toEqual(winnerTitles);
    expect(await settledTitles(other, otherTitles.length)).toEqual(otherTitles);
    expect(await settledMail(customer, customerTitles.length)).toEqual(customerTitles);
    expect(await settledMail(winner, winnerTitles.length)).toEqual(winnerTitles);
    expect(await settledMail(other, otherTitles.length)).toEqual(otherTitles);

    // Privacy: the customer's never carry a lead price, a vendor's never the other vendor.
    const customerSide = JSON.stringify([
      await notificationsOf(customer),
      smtp.mailsTo(customer.email),
    ]);
    for (const price of leadPrices) {
      const written = Number.isInteger(price) ? `£${price}` : `£${price.toFixed(2)}`;
      expect(customerSide).not.toMatch(new RegExp(`${written.replace('.', '\\.')}(?![\\d.,])`));
    }
    expect(customerSide).not.toMatch(/price/i);
    for (const [vendor, rival] of [
      [winner, other],
      [other, winner],
    ]) {
      const vendorSide = JSON.stringify([
        await notificationsOf(vendor),
        smtp.mailsTo(vendor.email),
      ]);
      expect(vendorSide).not.toContain(rival.id);
      expect(vendorSide).not.toContain(rival.email);
      expect(vendorSide).not.toMatch(/Plumbing Specialists|2 matching|tradespeople/);
    }
  });
});
