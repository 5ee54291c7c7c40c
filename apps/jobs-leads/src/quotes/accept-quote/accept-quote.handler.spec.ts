import { randomUUID } from 'node:crypto';
import { publishedJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { CancelJobCommand } from '../../jobs/cancel-job/cancel-job.command.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { SendQuoteCommand } from '../send-quote/send-quote.command.js';
import { WithdrawQuoteCommand } from '../withdraw-quote/withdraw-quote.command.js';
import { AcceptQuoteCommand } from './accept-quote.command.js';

/**
 * The paths that never get an answer from escrow (not running here): the reservation, and the
 * refusals before any money moves. The award saga's spec covers every step and compensation.
 */
describe('AcceptQuoteHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;
  const rival = { userId: randomUUID(), role: 'vendor' } as const;

  /** A live job offered to `vendor` and `rival` (the builders covering BA); both accepted and quoted. */
  const quoted = async () => {
    const jobId = await publishedJob(harness, customer, {
      title: 'Build a garden wall',
      trade_category: 'Building',
      budget_min: 500,
      budget_max: 1500,
      timeframe: 'within_a_month',
      postcode: 'BA1 1AA',
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
            description: 'Brick wall, 10 metres, on a concrete footing',
            estimated_duration: '1 week',
            milestones: [
              { title: 'Footing', amount: 400 },
              { title: 'Wall', amount: amount - 400 },
            ],
          }),
        )
      ).quote_id;
    return {
      jobId,
      quoteId: await quoteOf(vendor, 1200.5),
      rivalQuoteId: await quoteOf(rival, 1100),
    };
  };
  const accept = (quoteId: string, idempotencyKey?: string, who = customer) =>
    harness.commands.execute(
      new AcceptQuoteCommand(who, { quote_id: quoteId, idempotency_key: idempotencyKey }),
    );
  const statuses = async (jobId: string) => {
    const job = await harness.db.query('select status from jobs.job where id = $1', [jobId]);
    const quotes = await harness.db.query(
      'select vendor_id, status from jobs.quote where job_id = $1',
      [jobId],
    );
    return {
      job: job.rows[0].status,
      ...Object.fromEntries(
        quotes.rows.map((row) => [row.vendor_id === vendor.userId ? 'quote' : 'rival', row.status]),
      ),
    };
  };

  beforeAll(async () => {
    // Escrow is not running here: an acceptance waits only briefly before answering "running".
    process.env.SAGA_HTTP_WAIT_MS = '300';
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    for (const who of [vendor, rival]) {
      await harness.commands.execute(
        new PutVendorProfileCommand(who, {
          business_name: 'Bath Builders',
          trade_categories: ['Building'],
          phone: '07911 123456',
          postcode: 'BA1 1AA',
          service_areas: ['BA'],
          service_radius_miles: 10,
        }),
      );
    }
  });
  afterAll(async () => {
    delete process.env.SAGA_HTTP_WAIT_MS;
    await harness.stop();
  });

  it('holds the job and the quote for the award while escrow is being funded', async () => {
    const { jobId, quoteId } = await quoted();

    const running = await accept(quoteId, 'award-key-0001');

    expect(running).toEqual({ saga_id: expect.any(String), status: 'running' });
    expect(await statuses(jobId)).toEqual({
      job: 'awarding',
      quote: 'accepting',
      rival: 'pending',
    });
    const { rows } = await harness.db.query(
      `select type, status, state->'award' as award, initiator_id from jobs.saga_instance
       where id = $1`,
      [(running as { saga_id: string }).saga_id],
    );
    expect(rows[0]).toEqual({
      type: 'award-quote',
      status: 'running',
      award: {
        jobId,
        vendorId: vendor.userId,
        amountPence: 120_050,
        milestones: [
          { title: 'Footing', amountPence: 40_000 },
          { title: 'Wall', amountPence: 80_050 },
        ],
      },
      initiator_id: customer.userId,
    });
  });

  it('answers the same request again with the same run, and the key on another quote with 422', async () => {
    const { quoteId, rivalQuoteId } = await quoted();
    const first = await accept(quoteId, 'award-key-0002');

    expect(await accept(quoteId, 'award-key-0002')).toEqual(first);
    await expect(accept(rivalQuoteId, 'award-key-0002')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      status: 422,
    });
  });

  it('refuses to accept another quote of a job being awarded with 409 JOB_ALREADY_AWARDED', async () => {
    const { jobId, quoteId, rivalQuoteId } = await quoted();
    await accept(quoteId);

    await expect(accept(rivalQuoteId)).rejects.toMatchObject({
      code: 'JOB_ALREADY_AWARDED',
      status: 409,
    });
    expect(await statuses(jobId)).toEqual({
      job: 'awarding',
      quote: 'accepting',
      rival: 'pending',
    });
  });

  it('answers a quote on another customer’s job, or none, with 404 QUOTE_NOT_FOUND, holding nothing', async () => {
    const { jobId, quoteId } = await quoted();
    for (const [id, who] of [
      [quoteId, { userId: randomUUID(), role: 'customer' }],
      [randomUUID(), customer],
      ['quote_1234567_abcd', customer],
    ] as const) {
      await expect(accept(id, undefined, who)).rejects.toMatchObject({
        code: 'QUOTE_NOT_FOUND',
        status: 404,
      });
    }
    expect(await statuses(jobId)).toEqual({ job: 'live', quote: 'pending', rival: 'pending' });
  });

  it('refuses a withdrawn quote with 409 QUOTE_NOT_PENDING, leaving the job open', async () => {
    const { jobId, quoteId } = await quoted();
    await harness.commands.execute(new WithdrawQuoteCommand(vendor, quoteId));

    await expect(accept(quoteId)).rejects.toMatchObject({ code: 'QUOTE_NOT_PENDING', status: 409 });
    expect(await statuses(jobId)).toEqual({ job: 'live', quote: 'withdrawn', rival: 'pending' });
  });

  it('refuses a quote on a cancelled job with 409 JOB_NOT_LIVE', async () => {
    const { jobId, quoteId } = await quoted();
    await harness.commands.execute(new CancelJobCommand(customer, jobId));

    await expect(accept(quoteId)).rejects.toMatchObject({ code: 'JOB_NOT_LIVE', status: 409 });
    expect((await statuses(jobId)).job).toBe('cancelled');
  });
});
