import { setTimeout as sleep } from 'node:timers/promises';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { deposit, jobWithAcceptedLeads } from './support/marketplace.js';
import type { SmtpSink } from './support/smtp-sink.js';
import type { TestSystem } from './support/system.js';
import { startMailingSystem, type MailingSystem } from './support/mailing-system.js';

const DIGEST_MS = 1500;

describe('notifications: the in-app list, preferences and message digests', () => {
  let system: TestSystem;
  let base: string;
  let smtp: SmtpSink;
  let areas = 0;
  let mailing: MailingSystem;

  const list = (user: TestUser, query = '') =>
    api(base, 'GET', `/api/connection/notifications${query}`, { token: user.token });
  const preferences = (user: TestUser, body?: unknown) =>
    api(base, body === undefined ? 'GET' : 'PUT', '/api/connection/notification-preferences', {
      token: user.token,
      body,
    });
  const quote = (vendor: TestUser, jobId: string) =>
    api(base, 'POST', '/api/connection/quotes', {
      token: vendor.token,
      body: { job_id: jobId, amount: 80, description: 'Washer', estimated_duration: '1 hour' },
    });

  beforeAll(async () => {
    mailing = await startMailingSystem({
      EMAIL_POLL_MS: '50',
      MESSAGE_EMAIL_DIGEST_MS: String(DIGEST_MS),
    });
    ({ system, smtp } = mailing);
    base = system.baseUrl;
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => mailing.stop());

  it('lists the caller’s own, newest first, page by page, and marks them read', async () => {
    const customer = await registerAndLogin(base, 'customer');
    await deposit(base, customer, 20);
    await deposit(base, customer, 30);
    const all = await eventually(async () => {
      const page = await list(customer);
      return page.body.notifications.length === 3 ? page.body : undefined;
    });
    expect(all.notifications.map((n: { title: string }) => n.title)).toEqual([
      '£30 added to your wallet',
      '£20 added to your wallet',
      'Welcome to TradeMatch',
    ]);
    expect(all.notifications[0]).toEqual({
      notification_id: expect.any(String),
      type: 'WALLET_CREDITED',
      title: '£30 added to your wallet',
      body: 'Your balance is £50.',
      job_id: null,
      created_at: expect.any(String),
      read_at: null,
    });
    expect(all).toMatchObject({ unread_count: 3, next_cursor: null });

    const first = await list(customer, '?limit=2');
    expect(first.body.next_cursor).toBe(first.body.notifications[1].notification_id);
    const second = await list(customer, `?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.notifications.map((n: { title: string }) => n.title)).toEqual([
      'Welcome to TradeMatch',
    ]);
    expect(second.body.next_cursor).toBeNull();

    const newest = all.notifications[0].notification_id;
    const read = await api(base, 'PATCH', `/api/connection/notifications/${newest}/read`, {
      token: customer.token,
    });
    expect(read.status).toBe(200);
    expect(read.body.read_at).toEqual(expect.any(String));
    const unread = await list(customer, '?unread_only=true');
    expect(unread.body.notifications).toHaveLength(2);
    expect(unread.body.unread_count).toBe(2);

    const stranger = await registerAndLogin(base, 'vendor');
    for (const id of [newest, 'not-an-id']) {
      const refused = await api(base, 'PATCH', `/api/connection/notifications/${id}/read`, {
        token: stranger.token,
      });
      expect([refused.status, refused.body.code]).toEqual([404, 'NOTIFICATION_NOT_FOUND']);
    }
    const readAll = await api(base, 'POST', '/api/connection/notifications/read-all', {
      token: customer.token,
    });
    expect(readAll.body).toEqual({ marked: 2, unread_count: 0 });
    expect((await list(customer, '?unread_only=true')).body.notifications).toEqual([]);
    expect((await list(customer, '?unread_only=maybe')).status).toBe(400);
  });

  it('turns a category’s email off, but never that of payments or disputes', async () => {
    const { customer, vendors, jobId } = await jobWithAcceptedLeads(base, {
      area: `PE${++areas}`,
      vendors: 1,
    });
    expect((await preferences(customer)).body.preferences).toContainEqual({
      category: 'quotes',
      in_app: true,
      email: true,
      locked: false,
    });
    const locked = await preferences(customer, {
      preferences: [
        { category: 'quotes', email: false },
        { category: 'payments', email: false },
      ],
    });
    expect([locked.status, locked.body.code, locked.body.category]).toEqual([
      422,
      'PREFERENCE_LOCKED',
      'payments',
    ]);
    expect((await preferences(customer)).body.preferences).toContainEqual(
      expect.objectContaining({ category: 'quotes', email: true }),
    );
    const repeated = await preferences(customer, {
      preferences: [
        { category: 'quotes', email: false },
        { category: 'quotes', in_app: false },
      ],
    });
    expect([repeated.status, repeated.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const changed = await preferences(customer, {
      preferences: [{ category: 'quotes', email: false }],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.preferences).toEqual(
      expect.arrayContaining([
        { category: 'quotes', in_app: true, email: false, locked: false },
        { category: 'payments', in_app: true, email: true, locked: true },
      ]),
    );
    expect((await quote(vendors[0], jobId)).status).toBe(201);
    await deposit(base, customer, 10);
    await eventually(async () => {
      const titles = (await list(customer)).body.notifications.map(
        (n: { title: string }) => n.title,
      );
      return titles.includes('Quote received: £80') ? true : undefined;
    });
    await eventually(async () =>
      smtp.subjectsTo(customer.email).includes('£10 added to your wallet') ? true : undefined,
    );
    await sleep(300);
    expect(smtp.subjectsTo(customer.email)).not.toContain('Quote received: £80');
  });

  it('sends at most one email per conversation per digest period, telling of what came since', async () => {
    const { customer, vendors, leads } = await jobWithAcceptedLeads(base, {
      area: `PE${++areas}`,
      vendors: 1,
    });
    const conversation = leads[0].conversation_id;
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
    const messageMails = () =>
      smtp.mailsTo(vendors[0].email).filter((mail) => mail.subject.startsWith('New message'));
    const say = async (body: string) => {
      const sent = await api(
        base,
        'POST',
        `/api/connection/conversations/${conversation}/messages`,
        {
          token: customer.token,
          body: { body },
        },
      );
      expect(sent.status).toBe(201);
    };
    await say('Hello');
    await eventually(async () => (messageMails().length === 1 ? true : undefined));
    const firstAt = Date.now();
    await say('Are you free?');
    await say('Tomorrow works');
    await eventually(
      async () => (messageMails().length === 2 ? true : undefined),
      DIGEST_MS + 5000,
    );
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(DIGEST_MS - 200);
    await sleep(DIGEST_MS + 300);
    expect(messageMails().map((mail) => mail.subject)).toEqual([
      'New message from your customer',
      'New message from your customer (and 1 more)',
    ]);
    expect(messageMails()[1].text).toContain('2 new since we last wrote.');
    const { rows } = await system.db.query(
      `select count(*)::int as emails, count(distinct sent_at)::int as sendings
       from notifications.delivery where recipient_id = $1 and digest_key is not null`,
      [vendors[0].id],
    );
    expect(rows).toEqual([{ emails: 3, sendings: 2 }]);
  });
});
