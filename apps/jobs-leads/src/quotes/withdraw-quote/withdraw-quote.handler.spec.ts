import { randomUUID } from 'node:crypto';
import { publishedJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { CancelJobCommand } from '../../jobs/cancel-job/cancel-job.command.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { SendQuoteCommand } from '../send-quote/send-quote.command.js';
import { WithdrawQuoteCommand } from './withdraw-quote.command.js';

describe('WithdrawQuoteHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;
  const conversationId = randomUUID();

  const terms = (jobId: string) => ({
    job_id: jobId,
    amount: 80,
    description: 'Replace the faulty socket',
    estimated_duration: '2 hours',
  });
  /** A live job offered to `vendor`, the only electrician covering PL, who accepted and quoted. */
  const quoted = async () => {
    const jobId = await publishedJob(harness, customer, {
      title: 'Replace a scorched socket',
      trade_category: 'Electrical',
      budget_min: 50,
      budget_max: 150,
      timeframe: 'urgent',
      postcode: 'PL1 2AA',
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
  const withdraw = (quoteId: string, who = vendor) =>
    harness.commands.execute(new WithdrawQuoteCommand(who, quoteId));
  const statuses = async (quoteId: string) =>
    (
      await harness.db.query(
        `select q.status as quote, l.status as lead from jobs.quote q
         join jobs.lead l on l.id = q.lead_id where q.id = $1`,
        [quoteId],
      )
    ).rows[0];

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    await harness.commands.execute(
      new PutVendorProfileCommand(vendor, {
        business_name: 'Plymouth Electrics',
        trade_categories: ['Electrical'],
        phone: '07911 123456',
        postcode: 'PL1 2AA',
        service_areas: ['PL'],
        service_radius_miles: 10,
      }),
    );
  });
  afterAll(() => harness.stop());

  it('withdraws the vendor’s pending quote with QUOTE_WITHDRAWN, the lead active again', async () => {
    const { jobId, quoteId, leadId } = await quoted();

    const reply = await withdraw(quoteId);

    expect(reply).toEqual({ quote_id: quoteId, status: 'withdrawn', event_id: expect.any(String) });
    expect(await statuses(quoteId)).toEqual({ quote: 'withdrawn', lead: 'accepted' });
    const { rows } = await harness.db.query('select envelope from jobs.outbox where id = $1', [
      reply.event_id,
    ]);
    expect(rows[0].envelope).toMatchObject({
      event_type: 'QUOTE_WITHDRAWN',
      actor: { id: vendor.userId, role: 'vendor' },
      subject: { type: 'quote', id: quoteId },
      job_id: jobId,
      payload: {
        quote_id: quoteId,
        lead_id: leadId,
        vendor_id: vendor.userId,
        customer_id: customer.userId,
        conversation_id: conversationId,
        reason: null,
      },
    });
  });

  it('lets the vendor quote again once the first quote is withdrawn', async () => {
    const { jobId, quoteId } = await quoted();
    await withdraw(quoteId);

    const again = await harness.commands.execute(
      new SendQuoteCommand(vendor, { ...terms(jobId), amount: 70 }),
    );

    expect(again).toMatchObject({ status: 'pending', amount: 70 });
    expect(await statuses(again.quote_id)).toEqual({ quote: 'pending', lead: 'quote_sent' });
  });

  it('answers another vendor’s quote, or none, with 404 QUOTE_NOT_FOUND, changing nothing', async () => {
    const { quoteId } = await quoted();
    for (const [id, who] of [
      [quoteId, { userId: randomUUID(), role: 'vendor' }],
      [randomUUID(), vendor],
      ['quote_1234567_abcd', vendor],
    ] as const) {
      await expect(withdraw(id, who)).rejects.toMatchObject({
        code: 'QUOTE_NOT_FOUND',
        status: 404,
      });
    }
    expect(await statuses(quoteId)).toEqual({ quote: 'pending', lead: 'quote_sent' });
  });

  it('withdraws once: a second withdrawal is 409 QUOTE_NOT_PENDING', async () => {
    const { quoteId } = await quoted();
    await withdraw(quoteId);

    await expect(withdraw(quoteId)).rejects.toMatchObject({
      code: 'QUOTE_NOT_PENDING',
      status: 409,
    });
    const { rows } = await harness.db.query(
      `select count(*)::int as n from jobs.outbox
       where envelope->>'event_type' = 'QUOTE_WITHDRAWN' and envelope->'subject'->>'id' = $1`,
      [quoteId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a quote on a job that is no longer live with 409 JOB_NOT_LIVE', async () => {
    const { jobId, quoteId } = await quoted();
    await harness.commands.execute(new CancelJobCommand(customer, jobId));

    await expect(withdraw(quoteId)).rejects.toMatchObject({ code: 'JOB_NOT_LIVE', status: 409 });
    expect(await statuses(quoteId)).toEqual({ quote: 'pending', lead: 'quote_sent' });
  });
});
