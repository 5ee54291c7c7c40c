import { eventSubject } from '#contracts';
import { httpPort } from '#platform';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { connectAsFixtures } from './support/nats.js';
import type { SmtpSink } from './support/smtp-sink.js';
import type { TestSystem } from './support/system.js';
import { startMailingSystem, type MailingSystem } from './support/mailing-system.js';

const ENV = { EMAIL_POLL_MS: '50', EMAIL_RETRY_BASE_MS: '50', EMAIL_RETRY_MAX_MS: '200' };

describe('notification emails: once per event and recipient, retried, given up on', () => {
  let system: TestSystem;
  let base: string;
  let smtp: SmtpSink;
  let mailing: MailingSystem;

  const notificationsOf = async (user: TestUser, query = '') =>
    (
      await api(base, 'GET', `/api/connection/notifications?limit=100${query}`, {
        token: user.token,
      })
    ).body;
  const titlesOf = async (user: TestUser) =>
    (await notificationsOf(user)).notifications.map((n: { title: string }) => n.title).sort();
  const deliveriesOf = async (userId: string) =>
    (
      await system.db.query(
        'select status, attempts, last_error from notifications.delivery where recipient_id = $1',
        [userId],
      )
    ).rows;
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

  it('redelivered events add no notification and no email', async () => {
    const customer = await registerAndLogin(base, 'customer');
    await settledMail(customer, 1);
    const registered = await system.db.query(
      `select id, envelope from identity.outbox
       where envelope->>'event_type' = 'USER_REGISTERED' and envelope->'payload'->>'user_id' = $1`,
      [customer.id],
    );
    const [{ id: eventId, envelope }] = registered.rows;
    const nats = await connectAsFixtures();
    try {
      for (let copy = 0; copy < 2; copy++) {
        // The inbox would absorb it; forget it there, so that the tables' own keys are what holds.
        await system.db.query(
          `delete from notifications.inbox where consumer = 'notifications-fan-out' and event_id = $1`,
          [eventId],
        );
        const subject = eventSubject('gateway', 'USER_REGISTERED');
        await jetstream(nats).publish(subject, JSON.stringify(envelope), { msgID: randomUUID() });
        await eventually(async () => {
          const handled = await system.db.query(
            `select 1 from notifications.inbox where consumer = 'notifications-fan-out' and event_id = $1`,
            [eventId],
          );
          return handled.rowCount === 1 ? true : undefined;
        });
      }
    } finally {
      await nats.close();
    }
    await sleep(300);
    expect(await titlesOf(customer)).toEqual(['Welcome to TradeMatch']);
    expect(smtp.subjectsTo(customer.email)).toEqual(['Welcome to TradeMatch']);
  });

  it('still mails once a server that refused the first two attempts, and gives up on a 5xx', async () => {
    const register = (email: string, name: string) =>
      api(base, 'POST', '/api/auth/register', {
        body: {
          email,
          password: 'correct horse battery staple',
          name,
          phone: '07911 123456',
          role: 'customer',
        },
      });
    const busy = `refused-${randomUUID()}@example.com`;
    smtp.refuse(busy, 2);
    const rita = await register(busy, 'Rita');
    expect(rita.status).toBe(201);
    await eventually(async () => (smtp.mailsTo(busy).length > 0 ? true : undefined));
    await sleep(400);
    expect(smtp.mailsTo(busy).map((mail) => mail.subject)).toEqual(['Welcome to TradeMatch']);
    expect(smtp.mailsTo(busy)[0].text).toContain('Hi Rita,');
    expect(smtp.attemptsFor(busy)).toBe(3);
    expect(await deliveriesOf(rita.body.id)).toEqual([
      { status: 'sent', attempts: 3, last_error: null },
    ]);

    const gone = `gone-${randomUUID()}@example.com`;
    smtp.refuse(gone, 100, 550);
    const gus = await register(gone, 'Gus');
    const failed = await eventually(async () => {
      const rows = await deliveriesOf(gus.body.id);
      return rows[0]?.status === 'failed' ? rows : undefined;
    });
    expect(failed).toEqual([
      { status: 'failed', attempts: 1, last_error: expect.stringMatching(/^550: /) },
    ]);
    expect(smtp.attemptsFor(gone)).toBe(1);

    const metrics = await (
      await fetch(`http://127.0.0.1:${httpPort(system.app('notifications'))}/metrics`)
    ).text();
    const counted = (outcome: string) =>
      Number(
        new RegExp(
          `^tradematch_notifications_total\\{[^}]*channel="email",outcome="${outcome}"[^}]*\\} (\\d+)`,
          'm',
        ).exec(metrics)?.[1] ?? 0,
      );
    expect(counted('retried')).toBeGreaterThanOrEqual(2);
    expect(counted('failed')).toBeGreaterThanOrEqual(1);
    expect(counted('sent')).toBeGreaterThanOrEqual(1);
  });
});
