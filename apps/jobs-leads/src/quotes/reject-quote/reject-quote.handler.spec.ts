import { randomUUID } from 'node:crypto';
import { publishedJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { SendQuoteCommand } from '../send-quote/send-quote.command.js';
import { RejectQuoteCommand } from './reject-quote.command.js';

describe('RejectQuoteHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;
  const conversationId = randomUUID();

  const terms = (jobId: string) => ({
    job_id: jobId,
    amount: 450,
    description: 'Lay a new patio',
    estimated_duration: '3 days',
  });
  /** A live job offered to `vendor`, the only landscaper covering TQ, who accepted and quoted. */
  const quoted = async () => {
    const jobId = await publishedJob(harness, customer, {
      title: 'Lay a patio in the back garden',
      trade_category: 'Landscaping',
      budget_min: 300,
      budget_max: 800,
      timeframe: 'within_a_month',
      postcode: 'TQ1 1AA',
    });
    // Escrow is not running here: the vendor's acceptance is marked paid straight in the table.
    const { rows } = await harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = now(), conversation_id = $2
       where job_id = $1 returning id`,
      [jobId, conversationId],
    );
    const { quote_id: quoteId } = await harness.commands.execute(
      new SendQuoteCommand(vendor, terms(jobId)),
    );
    return { jobId, quoteId, leadId: rows[0].id as string };
  };
  const reject = (quoteId: string, reason?: string, who = customer) =>
    harness.commands.execute(new RejectQuoteCommand(who, { quote_id: quoteId, reason }));
  const stored = async (quoteId: string) =>
    (
      await harness.db.query(
        `select q.status as quote, q.reject_reason, l.status as lead from jobs.quote q
         join jobs.lead l on l.id = q.lead_id where q.id = $1`,
        [quoteId],
      )
    ).rows[0];

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    await harness.commands.execute(
      new PutVendorProfileCommand(vendor, {
        business_name: 'Torbay Gardens',
        trade_categories: ['Landscaping'],
        phone: '07911 123456',
        postcode: 'TQ1 1AA',
        service_areas: ['TQ'],
        service_radius_miles: 10,
      }),
    );
  });
  afterAll(() => harness.stop());

  it('rejects a quote on the customer’s job with its reason and QUOTE_REJECTED, the lead active again', async () => {
    const { jobId, quoteId, leadId } = await quoted();

    const reply = await reject(quoteId, 'Too expensive for us');

    expect(reply).toEqual({ quote_id: quoteId, status: 'rejected', event_id: expect.any(String) });
    expect(await stored(quoteId)).toEqual({
      quote: 'rejected',
      reject_reason: 'Too expensive for us',
      lead: 'accepted',
    });
    const { rows } = await harness.db.query('select envelope from jobs.outbox where id = $1', [
      reply.event_id,
    ]);
    expect(rows[0].envelope).toMatchObject({
      event_type: 'QUOTE_REJECTED',
      actor: { id: customer.userId, role: 'customer' },
      subject: { type: 'quote', id: quoteId },
      job_id: jobId,
      payload: {
        quote_id: quoteId,
        lead_id: leadId,
        vendor_id: vendor.userId,
        customer_id: customer.userId,
        conversation_id: conversationId,
        reason: 'Too expensive for us',
      },
    });
  });

  it('rejects without a reason, and the vendor may quote again', async () => {
    const { jobId, quoteId } = await quoted();
    const reply = await reject(quoteId);
    const { rows } = await harness.db.query(
      `select envelope->'payload'->'reason' as reason from jobs.outbox where id = $1`,
      [reply.event_id],
    );
    expect(rows[0].reason).toBeNull();

    const again = await harness.commands.execute(
      new SendQuoteCommand(vendor, { ...terms(jobId), amount: 400 }),
    );
    expect(again).toMatchObject({ status: 'pending', amount: 400 });
  });

  it('answers a quote on another customer’s job, or none, with 404 QUOTE_NOT_FOUND', async () => {
    const { quoteId } = await quoted();
    for (const [id, who] of [
      [quoteId, { userId: randomUUID(), role: 'customer' }],
      [randomUUID(), customer],
      ['quote_1234567_abcd', customer],
    ] as const) {
      await expect(reject(id, undefined, who)).rejects.toMatchObject({
        code: 'QUOTE_NOT_FOUND',
        status: 404,
      });
    }
    expect(await stored(quoteId)).toMatchObject({ quote: 'pending', lead: 'quote_sent' });
  });

  it('rejects once: a second rejection is 409 QUOTE_NOT_PENDING', async () => {
    const { quoteId } = await quoted();
    await reject(quoteId, 'No thanks');

    await expect(reject(quoteId, 'Still no')).rejects.toMatchObject({
      code: 'QUOTE_NOT_PENDING',
      status: 409,
    });
    expect(await stored(quoteId)).toMatchObject({ reject_reason: 'No thanks' });
  });
});
