import { randomUUID } from 'node:crypto';
import { CUSTOMER_CONTACT } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { CancelJobCommand } from '../../jobs/cancel-job/cancel-job.command.js';
import { CreateJobCommand } from '../../jobs/create-job/create-job.command.js';
import { PublishJobCommand } from '../../jobs/publish-job/publish-job.command.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { SendQuoteCommand } from '../../quotes/send-quote/send-quote.command.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { GetJobsSummaryQuery } from './get-jobs-summary.query.js';

describe('GetJobsSummaryHandler', () => {
  let harness: ServiceHarness;
  type Customer = { userId: string; role: 'customer' };
  type Vendor = { userId: string; role: 'vendor' };
  const customer = (): Customer => ({ userId: randomUUID(), role: 'customer' });
  let areas = 0;

  /** A vendor with a painting profile covering their own area, so only they are matched. */
  const vendorIn = async (area: string, name = 'Paint Pros'): Promise<Vendor> => {
    const vendor = { userId: randomUUID(), role: 'vendor' } as const;
    await harness.commands.execute(
      new PutVendorProfileCommand(vendor, {
        business_name: name,
        trade_categories: ['Painting & Decorating'],
        phone: '07911 123456',
        postcode: 'BA1 1AA',
        service_areas: [area],
        service_radius_miles: 10,
      }),
    );
    return vendor;
  };
  const draft = async (owner: Customer, area: string) =>
    (
      await harness.commands.execute(
        new CreateJobCommand(owner, {
          title: 'Paint the living room',
          trade_category: 'Painting & Decorating',
          budget_min: 200,
          budget_max: 500,
          timeframe: 'flexible',
          postcode: `${area}1 1AA`,
        }),
      )
    ).job_id;
  const published = async (owner: Customer, area: string) => {
    const jobId = await draft(owner, area);
    await harness.commands.execute(
      new PublishJobCommand(owner, { job_id: jobId, ...CUSTOMER_CONTACT }),
    );
    return jobId;
  };
  /** Escrow is not running here: the acceptance is marked paid straight in the table. */
  const accept = (jobId: string, vendor: Vendor) =>
    harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = now(), conversation_id = gen_random_uuid()
        where job_id = $1 and vendor_id = $2`,
      [jobId, vendor.userId],
    );
  const quote = async (vendor: Vendor, jobId: string, amount: number) =>
    (
      await harness.commands.execute(
        new SendQuoteCommand(vendor, {
          job_id: jobId,
          amount,
          description: 'Two coats, walls and ceiling',
          estimated_duration: '2 days',
        }),
      )
    ).quote_id;
  const summaryOf = (viewer: GetJobsSummaryQuery['viewer']) =>
    harness.queries.execute(new GetJobsSummaryQuery(viewer));
  // Real postcode areas, one per case, so that each case's vendors are the only ones matched.
  const newArea = () => ['BA', 'BB', 'BD', 'BH', 'BL', 'BN', 'BR', 'BS'][areas++];

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
  });
  afterAll(() => harness.stop());

  it('counts the customer’s jobs by status, every status named, and only theirs', async () => {
    const owner = customer();
    const area = newArea();
    await vendorIn(area);
    await draft(owner, area);
    await published(owner, area);
    const cancelled = await published(owner, area);
    await harness.commands.execute(new CancelJobCommand(owner, cancelled));
    await draft(customer(), area);

    const summary = await summaryOf(owner);

    expect(summary).toMatchObject({
      role: 'customer',
      by_status: {
        draft: 1,
        live: 1,
        awarding: 0,
        in_progress: 0,
        completed: 0,
        closed: 0,
        cancelled: 1,
        expired: 0,
        disputed: 0,
      },
    });
  });

  it('lists the quotes awaiting the customer’s decision, oldest first, on live jobs only', async () => {
    const owner = customer();
    const area = newArea();
    const [painter, decorator] = [await vendorIn(area, 'Bath Painters'), await vendorIn(area)];
    const jobId = await published(owner, area);
    await accept(jobId, painter);
    await accept(jobId, decorator);
    const older = await quote(painter, jobId, 320);
    const newer = await quote(decorator, jobId, 300);
    const gone = await published(owner, area);
    await accept(gone, painter);
    await quote(painter, gone, 250);
    await harness.commands.execute(new CancelJobCommand(owner, gone));

    const summary = await summaryOf(owner);

    expect(summary).toMatchObject({
      quotes_awaiting_decision: {
        count: 2,
        items: [
          {
            quote_id: older,
            job_id: jobId,
            job_title: 'Paint the living room',
            vendor_id: painter.userId,
            business_name: 'Bath Painters',
            amount: 320,
            created_at: expect.any(String),
          },
          expect.objectContaining({ quote_id: newer, amount: 300 }),
        ],
      },
    });
    expect(JSON.stringify(summary)).not.toMatch(/price/i);
  });

  it('counts a vendor’s open offers with the soonest expiry, leaving out those already past it', async () => {
    const area = newArea();
    const vendor = await vendorIn(area);
    const owner = customer();
    const soon = await published(owner, area);
    await published(owner, area);
    const lapsed = await published(owner, area);
    await harness.db.query(
      `update jobs.lead set expires_at = now() + interval '1 hour' where job_id = $1`,
      [soon],
    );
    await harness.db.query(
      `update jobs.lead set expires_at = now() - interval '1 minute' where job_id = $1`,
      [lapsed],
    );
    const { rows } = await harness.db.query('select expires_at from jobs.lead where job_id = $1', [
      soon,
    ]);

    expect(await summaryOf(vendor)).toEqual({
      role: 'vendor',
      new_leads: { count: 2, soonest_expires_at: rows[0].expires_at.toISOString() },
      accepted_leads_without_quote: 0,
      pending_quotes: 0,
      rating: null,
      review_count: 0,
    });
  });

  it('counts a vendor’s accepted leads with no quote, their pending quotes and their rating, never another vendor’s', async () => {
    const area = newArea();
    const vendor = await vendorIn(area);
    const rival = await vendorIn(area);
    const owner = customer();
    const quoted = await published(owner, area);
    const unquoted = await published(owner, area);
    for (const jobId of [quoted, unquoted]) {
      await accept(jobId, vendor);
      await accept(jobId, rival);
    }
    await quote(vendor, quoted, 400);
    await quote(rival, quoted, 380);
    await quote(rival, unquoted, 390);
    await harness.db.query(
      'update jobs.vendor_profile set rating = 4.17, review_count = 1, rating_sum = 5 where vendor_id = $1',
      [vendor.userId],
    );

    expect(await summaryOf(vendor)).toEqual({
      role: 'vendor',
      new_leads: { count: 0, soonest_expires_at: null },
      accepted_leads_without_quote: 1,
      pending_quotes: 1,
      rating: 4.17,
      review_count: 1,
    });
  });

  it('answers a vendor with no profile yet with zeros', async () => {
    expect(await summaryOf({ userId: randomUUID(), role: 'vendor' })).toEqual({
      role: 'vendor',
      new_leads: { count: 0, soonest_expires_at: null },
      accepted_leads_without_quote: 0,
      pending_quotes: 0,
      rating: null,
      review_count: 0,
    });
  });
});
