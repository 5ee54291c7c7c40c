import { randomUUID } from 'node:crypto';
import { publishedJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { CancelJobCommand } from '../../jobs/cancel-job/cancel-job.command.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { SendQuoteCommand } from '../send-quote/send-quote.command.js';
import { GetQuoteQuery } from './get-quote.query.js';

describe('GetQuoteHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;
  const rival = { userId: randomUUID(), role: 'vendor' } as const;

  /** A live job offered to `vendor` and `rival` (the painters covering TA); both accepted and quoted. */
  const quoted = async () => {
    const jobId = await publishedJob(harness, customer, {
      title: 'Paint the hallway',
      trade_category: 'Painting & Decorating',
      budget_min: 200,
      budget_max: 400,
      timeframe: 'within_a_month',
      postcode: 'TA1 1AA',
    });
    // Escrow is not running here: the acceptances are marked paid straight in the table.
    await harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = now(), conversation_id = gen_random_uuid()
       where job_id = $1`,
      [jobId],
    );
    const quoteOf = async (who: typeof vendor | typeof rival, amount: number) =>
      (
        await harness.commands.execute(
          new SendQuoteCommand(who, {
            job_id: jobId,
            amount,
            description: 'Two coats on walls and woodwork',
            estimated_duration: '3 days',
            milestones: [
              { title: 'Walls', amount: amount / 2 },
              { title: 'Woodwork', amount: amount / 2 },
            ],
          }),
        )
      ).quote_id;
    return { jobId, quoteId: await quoteOf(vendor, 300), rivalQuoteId: await quoteOf(rival, 280) };
  };
  const get = (who: GetQuoteQuery['viewer'], quoteId: string) =>
    harness.queries.execute(new GetQuoteQuery(who, quoteId));

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    for (const [who, name] of [
      [vendor, 'Taunton Decorators'],
      [rival, 'Somerset Painters'],
    ] as const) {
      await harness.commands.execute(
        new PutVendorProfileCommand(who, {
          business_name: name,
          trade_categories: ['Painting & Decorating'],
          phone: '07911 123456',
          postcode: 'TA1 1AA',
          service_areas: ['TA'],
          service_radius_miles: 10,
        }),
      );
    }
  });
  afterAll(() => harness.stop());

  it('shows the job’s customer a quote with its vendor’s business name and its stages in pounds', async () => {
    const { jobId, quoteId } = await quoted();

    const view = await get(customer, quoteId);

    expect(view).toEqual({
      quote_id: quoteId,
      job_id: jobId,
      vendor: {
        vendor_id: vendor.userId,
        business_name: 'Taunton Decorators',
        rating: null,
        review_count: 0,
      },
      status: 'pending',
      amount: 300,
      description: 'Two coats on walls and woodwork',
      estimated_duration: '3 days',
      milestones: [
        { title: 'Walls', amount: 150 },
        { title: 'Woodwork', amount: 150 },
      ],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(JSON.stringify(view)).not.toMatch(/price|phone|email/i);
  });

  it('shows the vendor their own quote', async () => {
    const { quoteId } = await quoted();
    expect(await get(vendor, quoteId)).toMatchObject({ quote_id: quoteId, amount: 300 });
  });

  it.each([
    ['another vendor on the same job', () => rival],
    ['a vendor not on the job', () => ({ userId: randomUUID(), role: 'vendor' as const })],
    ['another customer', () => ({ userId: randomUUID(), role: 'customer' as const })],
  ])('answers %s with 404 QUOTE_NOT_FOUND', async (_case, who) => {
    const { quoteId } = await quoted();
    await expect(get(who(), quoteId)).rejects.toMatchObject({
      code: 'QUOTE_NOT_FOUND',
      status: 404,
    });
  });

  it('answers an unknown quote, or an id that is no uuid, with 404 QUOTE_NOT_FOUND', async () => {
    for (const id of [randomUUID(), 'quote_1234567_abcd']) {
      await expect(get(customer, id)).rejects.toMatchObject({
        code: 'QUOTE_NOT_FOUND',
        status: 404,
      });
    }
  });

  it('shows a pending quote on a job that was cancelled as closed', async () => {
    const { jobId, quoteId, rivalQuoteId } = await quoted();
    await harness.commands.execute(new CancelJobCommand(customer, jobId));

    expect((await get(customer, quoteId)).status).toBe('closed');
    expect((await get(rival, rivalQuoteId)).status).toBe('closed');
  });
});
