import { EscrowApi, conversationIdForLead, type EventEnvelope } from '#contracts';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { api, eventually, registerAndLogin, TAP_JOB } from './support/http-client.js';
import { connectAs, connectAsFixtures } from './support/nats.js';
import { TestSystem } from './support/system.js';

/**
 * The run's nats-server enforces the authorization generated from libs/contracts (see
 * global-setup.mjs), and every other suite runs its apps under it with their own credentials.
 * Here: what a connection with the wrong credentials, or another app's, cannot do.
 */
describe('NATS users and subject permissions', () => {
  let system: TestSystem;
  const opened: NatsConnection[] = [];
  const as = async (service: Parameters<typeof connectAs>[0]) => {
    const connection = await connectAs(service);
    opened.push(connection);
    return connection;
  };
  const natsUrl = () => process.env.NATS_URL!;
  const leadAccepted = (): EventEnvelope<'LEAD_ACCEPTED'> => {
    const leadId = randomUUID();
    return {
      event_id: randomUUID(),
      event_type: 'LEAD_ACCEPTED',
      version: 1,
      occurred_at: new Date().toISOString(),
      actor: { id: randomUUID(), role: 'vendor' },
      subject: { type: 'lead', id: leadId },
      job_id: randomUUID(),
      correlation_id: randomUUID(),
      causation_id: null,
      idempotency_key: null,
      payload: {
        lead_id: leadId,
        vendor_id: randomUUID(),
        customer_id: randomUUID(),
        conversation_id: conversationIdForLead(leadId),
      },
    };
  };
  /** Nest's request packet with a principal that claims to be jobs-leads. */
  const chargePacket = () =>
    JSON.stringify({
      pattern: EscrowApi.chargeLead.subject,
      id: randomUUID(),
      data: {
        principal: { role: 'service', service: 'jobs-leads' },
        data: {
          lead_id: randomUUID(),
          vendor_id: randomUUID(),
          amount: 5,
          idempotency_key: `forged-${randomUUID()}`,
        },
      },
    });
  const chargeCount = async () =>
    (await system.db.query('select count(*)::int as n from escrow.lead_charge')).rows[0].n;

  beforeAll(async () => {
    system = await TestSystem.start();
  });
  afterAll(async () => {
    await Promise.all(opened.map((connection) => connection.close()));
    await system.stop();
  });

  it('refuses a connection without credentials or with a wrong password', async () => {
    await expect(connect({ servers: natsUrl() })).rejects.toThrow(/Authorization Violation/);
    for (const user of ['escrow', 'jobs-leads', 'test-fixtures', 'intruder']) {
      await expect(connect({ servers: natsUrl(), user, pass: 'guessed' })).rejects.toThrow(
        /Authorization Violation/,
      );
    }
  });

  it('lets no app but jobs-leads publish jobs-leads’ events: a forged LEAD_ACCEPTED opens nothing', async () => {
    const forged = leadAccepted();
    // Counted as the fixtures user: no app may read the stream's messages directly.
    const fixtures = await connectAsFixtures();
    opened.push(fixtures);
    const acceptances = async () => {
      const subject = 'events.jobs-leads.LEAD_ACCEPTED';
      const info = await (
        await jetstreamManager(fixtures)
      ).streams.info('TRADEMATCH_EVENTS', {
        subjects_filter: subject,
      });
      return info.state.subjects?.[subject] ?? 0;
    };
    const before = await acceptances();
    for (const service of ['gateway', 'messaging', 'escrow', 'notifications'] as const) {
      const js = jetstream(await as(service));
      await expect(
        js.publish('events.jobs-leads.LEAD_ACCEPTED', JSON.stringify(forged), {
          msgID: `${forged.event_id}-${service}`,
          timeout: 2000,
        }),
      ).rejects.toThrow(/Permissions Violation for Publish to "events.jobs-leads.LEAD_ACCEPTED"/);
    }
    expect(await acceptances()).toBe(before);
    await sleep(500);
    const conversations = await system.db.query(
      'select 1 from messaging.conversation where id = $1',
      [forged.payload.conversation_id],
    );
    expect(conversations.rowCount).toBe(0);
  });

  it('lets no one but jobs-leads call escrow’s lead charge, whatever principal they claim', async () => {
    const before = await chargeCount();
    for (const service of ['gateway', 'messaging', 'notifications'] as const) {
      const connection = await as(service);
      await expect(
        connection.request(EscrowApi.chargeLead.subject, chargePacket(), { timeout: 2000 }),
      ).rejects.toThrow(/Permissions Violation for Publish to "escrow.lead.charge"/);
    }
    // Only the gateway calls escrow's user endpoints; no other app may call escrow at all.
    const messaging = await as('messaging');
    await expect(
      messaging.request(EscrowApi.getWallet.subject, '{}', { timeout: 2000 }),
    ).rejects.toThrow(/Permissions Violation/);
    expect(await chargeCount()).toBe(before);
  });

  it('lets no app serve another’s subjects, read its replies or take its consumer’s events', async () => {
    const gateway = await as('gateway');
    const stolen = gateway.subscribe(EscrowApi.chargeLead.subject, { queue: 'escrow' });
    await expect(stolen.closed).resolves.toMatchObject({
      message: expect.stringMatching(/Permissions Violation for Subscription/),
    });
    const snooping = gateway.subscribe('_INBOX.jobs-leads.>');
    await expect(snooping.closed).resolves.toMatchObject({
      message: expect.stringMatching(/Permissions Violation for Subscription/),
    });
    const messaging = await jetstreamManager(await as('messaging'));
    await expect(
      messaging.consumers.info('TRADEMATCH_EVENTS', 'escrow-job-cancellations'),
    ).rejects.toThrow(/Permissions Violation/);
    const pull = (await as('messaging')).request(
      '$JS.API.CONSUMER.MSG.NEXT.TRADEMATCH_EVENTS.escrow-job-cancellations',
      JSON.stringify({ batch: 1 }),
      { timeout: 2000 },
    );
    await expect(pull).rejects.toThrow(/Permissions Violation for Publish/);
  });

  it('works for the apps with their own credentials, end to end', async () => {
    const customer = await registerAndLogin(system.baseUrl, 'customer');
    const created = await api(system.baseUrl, 'POST', '/api/connection/jobs', {
      token: customer.token,
      body: TAP_JOB,
    });
    expect(created.status).toBe(201);
    const trail = await eventually(async () => {
      const events = await api(
        system.baseUrl,
        'GET',
        `/api/connection/events/${created.body.job_id}`,
        {
          token: customer.token,
        },
      );
      return events.body.events?.length === 1 ? events.body.events : undefined;
    });
    expect(trail[0]).toMatchObject({ event_type: 'JOB_CREATED', event_id: created.body.event_id });
  });
});
