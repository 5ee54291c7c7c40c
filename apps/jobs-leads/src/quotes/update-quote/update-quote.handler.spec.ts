import type { SendQuoteRequest } from '#contracts';
import { randomUUID } from 'node:crypto';
import { publishedJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { CancelJobCommand } from '../../jobs/cancel-job/cancel-job.command.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { SendQuoteCommand } from '../send-quote/send-quote.command.js';
import { WithdrawQuoteCommand } from '../withdraw-quote/withdraw-quote.command.js';
import { UpdateQuoteCommand } from './update-quote.command.js';

describe('UpdateQuoteHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;

  /** A live job offered to `vendor`, the only plasterer covering EX, who accepted and quoted. */
  const quoted = async (quote: Partial<SendQuoteRequest> = {}) => {
    const jobId = await publishedJob(harness, customer, {
      title: 'Skim the living room ceiling',
      trade_category: 'Plastering',
      budget_min: 200,
      budget_max: 500,
      timeframe: 'within_a_week',
      postcode: 'EX1 1HS',
    });
    // Escrow is not running here: the vendor's acceptance is marked paid straight in the table.
    await harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = now(), conversation_id = $2
       where job_id = $1`,
      [jobId, randomUUID()],
    );
    const { quote_id: quoteId } = await harness.commands.execute(
      new SendQuoteCommand(vendor, {
        job_id: jobId,
        amount: 300,
        description: 'Skim coat over the old ceiling',
        estimated_duration: '1 day',
        ...quote,
      }),
    );
    return { jobId, quoteId };
  };
  const update = (
    quoteId: string,
    changes: Omit<UpdateQuoteCommand['request'], 'quote_id'>,
    who = vendor,
  ) => harness.commands.execute(new UpdateQuoteCommand(who, { quote_id: quoteId, ...changes }));
  const updates = async (quoteId: string) =>
    (
      await harness.db.query(
        `select envelope from jobs.outbox
         where envelope->>'event_type' = 'QUOTE_UPDATED' and envelope->'subject'->>'id' = $1
         order by seq`,
        [quoteId],
      )
    ).rows.map((row) => row.envelope);
  const stored = async (quoteId: string) =>
    (
      await harness.db.query(
        'select status, amount_pence, description, milestones from jobs.quote where id = $1',
        [quoteId],
      )
    ).rows[0];

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    await harness.commands.execute(
      new PutVendorProfileCommand(vendor, {
        business_name: 'Devon Plastering',
        trade_categories: ['Plastering'],
        phone: '07911 123456',
        postcode: 'EX1 1HS',
        service_areas: ['EX'],
        service_radius_miles: 10,
      }),
    );
  });
  afterAll(() => harness.stop());

  it('changes the amount of a one-stage quote, the stage following it, and says so in QUOTE_UPDATED', async () => {
    const { jobId, quoteId } = await quoted();

    const view = await update(quoteId, { amount: 275.5 });

    expect(view).toMatchObject({
      quote_id: quoteId,
      job_id: jobId,
      vendor: { vendor_id: vendor.userId, business_name: 'Devon Plastering' },
      status: 'pending',
      amount: 275.5,
      description: 'Skim coat over the old ceiling',
      milestones: [{ title: 'Complete the job', amount: 275.5 }],
    });
    expect(await stored(quoteId)).toMatchObject({ amount_pence: 27_550 });
    expect(await updates(quoteId)).toEqual([
      expect.objectContaining({
        actor: { id: vendor.userId, role: 'vendor' },
        job_id: jobId,
        payload: expect.objectContaining({
          quote_id: quoteId,
          customer_id: customer.userId,
          amount: 275.5,
          milestones: [{ title: 'Complete the job', amount: 275.5 }],
          changed_fields: ['amount', 'milestones'],
        }),
      }),
    ]);
  });

  it('names only the fields that changed, in the API’s names', async () => {
    const { quoteId } = await quoted();

    await update(quoteId, {
      amount: 300,
      description: 'Skim coat and two coats of paint',
      estimated_duration: '2 days',
    });

    const [event] = await updates(quoteId);
    expect(event.payload.changed_fields).toEqual(['description', 'estimated_duration']);
    expect(JSON.stringify(event)).not.toMatch(/price/i);
  });

  it('refuses a new amount for several stages unless they come again, and takes them when they do', async () => {
    const stages = [
      { title: 'Prepare', amount: 100 },
      { title: 'Skim', amount: 200 },
    ];
    const { quoteId } = await quoted({ milestones: stages });

    await expect(update(quoteId, { amount: 350 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
    });
    await expect(update(quoteId, { amount: 350, milestones: stages })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
    });
    expect(await stored(quoteId)).toMatchObject({ amount_pence: 30_000 });
    expect(await updates(quoteId)).toEqual([]);

    const view = await update(quoteId, {
      amount: 350,
      milestones: [
        { title: 'Prepare', amount: 150 },
        { title: 'Skim', amount: 200 },
      ],
    });
    expect(view.milestones).toEqual([
      { title: 'Prepare', amount: 150 },
      { title: 'Skim', amount: 200 },
    ]);
  });

  it.each([
    ['another vendor’s quote', 'own', { userId: randomUUID(), role: 'vendor' as const }],
    ['an unknown quote', 'unknown', vendor],
    ['an id that is no uuid', 'quote_1234567_abcd', vendor],
  ])('answers %s with 404 QUOTE_NOT_FOUND, changing nothing', async (_case, which, who) => {
    const { quoteId } = await quoted();
    const id = which === 'own' ? quoteId : which === 'unknown' ? randomUUID() : which;
    await expect(update(id, { amount: 1 }, who)).rejects.toMatchObject({
      code: 'QUOTE_NOT_FOUND',
      status: 404,
    });
    expect(await stored(quoteId)).toMatchObject({ amount_pence: 30_000 });
  });

  it('refuses a quote that is no longer pending with 409 QUOTE_NOT_PENDING', async () => {
    const { quoteId } = await quoted();
    await harness.commands.execute(new WithdrawQuoteCommand(vendor, quoteId));

    await expect(update(quoteId, { amount: 250 })).rejects.toMatchObject({
      code: 'QUOTE_NOT_PENDING',
      status: 409,
      details: { status: 'withdrawn' },
    });
    expect(await stored(quoteId)).toMatchObject({ status: 'withdrawn', amount_pence: 30_000 });
  });

  it('refuses a quote on a job that is no longer live with 409 JOB_NOT_LIVE', async () => {
    const { jobId, quoteId } = await quoted();
    await harness.commands.execute(new CancelJobCommand(customer, jobId));

    await expect(update(quoteId, { amount: 250 })).rejects.toMatchObject({
      code: 'JOB_NOT_LIVE',
      status: 409,
    });
    expect(await updates(quoteId)).toEqual([]);
  });
});
