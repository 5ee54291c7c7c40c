import type { SendQuoteRequest } from '#contracts';
import { randomUUID } from 'node:crypto';
import { CUSTOMER_CONTACT } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { CancelJobCommand } from '../../jobs/cancel-job/cancel-job.command.js';
import { CreateJobCommand } from '../../jobs/create-job/create-job.command.js';
import { PublishJobCommand } from '../../jobs/publish-job/publish-job.command.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { SendQuoteCommand } from './send-quote.command.js';

describe('SendQuoteHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;
  const rival = { userId: randomUUID(), role: 'vendor' } as const;

  const draft = async () =>
    (
      await harness.commands.execute(
        new CreateJobCommand(customer, {
          title: 'Re-tile the bathroom wall',
          trade_category: 'Tiling',
          budget_min: 100,
          budget_max: 300,
          timeframe: 'within_a_week',
          postcode: 'TR1 2HE',
        }),
      )
    ).job_id;
  /** A live job offered to `vendor` and `rival`, the only tilers covering TR. */
  const live = async () => {
    const jobId = await draft();
    await harness.commands.execute(
      new PublishJobCommand(customer, { job_id: jobId, ...CUSTOMER_CONTACT }),
    );
    return jobId;
  };
  const leadOf = async (jobId: string, who = vendor) =>
    (
      await harness.db.query(
        'select id, status, conversation_id from jobs.lead where job_id = $1 and vendor_id = $2',
        [jobId, who.userId],
      )
    ).rows[0] as { id: string; status: string; conversation_id: string | null };
  /** Escrow is not running here: the vendor's acceptance is marked paid straight in the table. */
  const markAccepted = async (jobId: string, who = vendor) => {
    const { id } = await leadOf(jobId, who);
    await harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = now(), conversation_id = $2
       where id = $1`,
      [id, randomUUID()],
    );
    return leadOf(jobId, who);
  };
  const accepted = async () => {
    const jobId = await live();
    return { jobId, lead: await markAccepted(jobId) };
  };
  const terms = (jobId: string): SendQuoteRequest => ({
    job_id: jobId,
    amount: 120,
    description: 'Strip the old tiles and re-tile the wall',
    estimated_duration: '2 days',
  });
  const send = (request: SendQuoteRequest, who = vendor) =>
    harness.commands.execute(new SendQuoteCommand(who, request));
  const quotesOn = async (jobId: string) =>
    (
      await harness.db.query(
        'select vendor_id, status, amount_pence, milestones from jobs.quote where job_id = $1',
        [jobId],
      )
    ).rows;

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    for (const who of [vendor, rival]) {
      await harness.commands.execute(
        new PutVendorProfileCommand(who, {
          business_name: 'Cornwall Tiling',
          trade_categories: ['Tiling'],
          phone: '07911 123456',
          postcode: 'TR1 2HE',
          service_areas: ['TR'],
          service_radius_miles: 10,
        }),
      );
    }
  });
  afterAll(() => harness.stop());

  it('quotes a live job whose lead the vendor accepted, with one stage for the whole amount', async () => {
    const { jobId, lead } = await accepted();

    const reply = await send(terms(jobId));

    expect(reply).toEqual({
      quote_id: expect.any(String),
      job_id: jobId,
      status: 'pending',
      amount: 120,
      milestones: [{ title: 'Complete the job', amount: 120 }],
      event_id: expect.any(String),
    });
    expect(await quotesOn(jobId)).toEqual([
      {
        vendor_id: vendor.userId,
        status: 'pending',
        amount_pence: 12_000,
        milestones: [{ title: 'Complete the job', amountPence: 12_000 }],
      },
    ]);
    expect((await leadOf(jobId)).status).toBe('quote_sent');
    const { rows } = await harness.db.query('select envelope from jobs.outbox where id = $1', [
      reply.event_id,
    ]);
    expect(rows[0].envelope).toMatchObject({
      event_type: 'QUOTE_SENT',
      actor: { id: vendor.userId, role: 'vendor' },
      subject: { type: 'quote', id: reply.quote_id },
      job_id: jobId,
      payload: {
        quote_id: reply.quote_id,
        lead_id: lead.id,
        vendor_id: vendor.userId,
        customer_id: customer.userId,
        conversation_id: lead.conversation_id,
        amount: 120,
        description: 'Strip the old tiles and re-tile the wall',
        estimated_duration: '2 days',
        milestones: [{ title: 'Complete the job', amount: 120 }],
      },
    });
  });

  it('never puts the lead’s price in the quote’s event', async () => {
    const { jobId } = await accepted();
    const { event_id: eventId } = await send(terms(jobId));
    const { rows } = await harness.db.query('select envelope from jobs.outbox where id = $1', [
      eventId,
    ]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0].envelope)).not.toMatch(/price/i);
  });

  it('keeps the vendor’s own stages when they add up to the amount to the penny', async () => {
    const { jobId } = await accepted();
    const stages = [
      { title: 'Remove old tiles', amount: 40.25 },
      { title: 'Fit new tiles', amount: 80.25 },
    ];

    const reply = await send({ ...terms(jobId), amount: 120.5, milestones: stages });

    expect(reply).toMatchObject({ amount: 120.5, milestones: stages });
    expect(await quotesOn(jobId)).toEqual([
      expect.objectContaining({
        amount_pence: 12_050,
        milestones: [
          { title: 'Remove old tiles', amountPence: 4025 },
          { title: 'Fit new tiles', amountPence: 8025 },
        ],
      }),
    ]);
  });

  it('refuses stages that do not add up to the amount with 400, writing nothing', async () => {
    const { jobId } = await accepted();
    const stages = [
      { title: 'Remove old tiles', amount: 40 },
      { title: 'Fit new tiles', amount: 80.01 },
    ];

    await expect(send({ ...terms(jobId), milestones: stages })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      details: {
        fields: [{ field: 'milestones', errors: ['milestone amounts must sum to amount'] }],
      },
    });
    expect(await quotesOn(jobId)).toEqual([]);
    expect((await leadOf(jobId)).status).toBe('accepted');
  });

  it('answers a job the vendor was never offered (another area, a draft, none) with 404 JOB_NOT_FOUND', async () => {
    const { jobId } = await accepted();
    const stranger = { userId: randomUUID(), role: 'vendor' } as const;
    for (const [id, who] of [
      [jobId, stranger],
      [await draft(), vendor],
      [randomUUID(), vendor],
      ['job_1234567_abcd', vendor],
    ] as const) {
      await expect(send(terms(id), who)).rejects.toMatchObject({
        code: 'JOB_NOT_FOUND',
        status: 404,
      });
    }
    expect(await quotesOn(jobId)).toEqual([]);
  });

  it('refuses a vendor who was offered the lead but did not accept it with 403 LEAD_NOT_ACCEPTED', async () => {
    const { jobId } = await accepted();

    await expect(send(terms(jobId), rival)).rejects.toMatchObject({
      code: 'LEAD_NOT_ACCEPTED',
      status: 403,
    });
    expect(await quotesOn(jobId)).toEqual([]);
    expect((await leadOf(jobId, rival)).status).toBe('offered');
  });

  it('refuses a job that is no longer live (cancelled) with 409 JOB_NOT_LIVE', async () => {
    const { jobId } = await accepted();
    await harness.commands.execute(new CancelJobCommand(customer, jobId));

    await expect(send(terms(jobId))).rejects.toMatchObject({
      code: 'JOB_NOT_LIVE',
      status: 409,
      details: { status: 'cancelled' },
    });
    expect(await quotesOn(jobId)).toEqual([]);
    expect((await leadOf(jobId)).status).toBe('accepted');
  });

  it('refuses a second quote while the first is pending with 409 QUOTE_ALREADY_PENDING', async () => {
    const { jobId } = await accepted();
    await send(terms(jobId));

    await expect(send({ ...terms(jobId), amount: 99 })).rejects.toMatchObject({
      code: 'QUOTE_ALREADY_PENDING',
      status: 409,
    });
    expect(await quotesOn(jobId)).toEqual([expect.objectContaining({ amount_pence: 12_000 })]);
  });

  it('lets each vendor who accepted quote for the same job', async () => {
    const { jobId } = await accepted();
    await markAccepted(jobId, rival);

    await send(terms(jobId));
    await send({ ...terms(jobId), amount: 95 }, rival);

    expect((await quotesOn(jobId)).map((quote) => quote.vendor_id).sort()).toEqual(
      [vendor.userId, rival.userId].sort(),
    );
  });
});
