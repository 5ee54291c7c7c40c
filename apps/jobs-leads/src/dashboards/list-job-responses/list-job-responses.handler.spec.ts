import { randomUUID } from 'node:crypto';
import { publishedJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { SendQuoteCommand } from '../../quotes/send-quote/send-quote.command.js';
import { WithdrawQuoteCommand } from '../../quotes/withdraw-quote/withdraw-quote.command.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { ListJobResponsesQuery } from './list-job-responses.query.js';

describe('ListJobResponsesHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const first = { userId: randomUUID(), role: 'vendor' } as const;
  const second = { userId: randomUUID(), role: 'vendor' } as const;
  const onlyOffered = { userId: randomUUID(), role: 'vendor' } as const;

  /** A live job offered to the three tilers covering EX. */
  const live = () =>
    publishedJob(harness, customer, {
      title: 'Retile the bathroom floor',
      trade_category: 'Tiling',
      budget_min: 300,
      budget_max: 800,
      timeframe: 'within_a_month',
      postcode: 'EX1 1AA',
    });
  /** Escrow is not running here: the acceptance is marked paid straight in the table. */
  const accepted = async (jobId: string, vendor: { userId: string }, name: string, at: string) => {
    const { rows } = await harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = $3, conversation_id = gen_random_uuid(),
              vendor_contact_name = $4, vendor_contact_email = $5
        where job_id = $1 and vendor_id = $2
       returning conversation_id`,
      [jobId, vendor.userId, at, name, `${name.split(' ')[0].toLowerCase()}@example.com`],
    );
    return rows[0].conversation_id as string;
  };
  const quote = async (vendor: typeof first, jobId: string, amount: number) =>
    (
      await harness.commands.execute(
        new SendQuoteCommand(vendor, {
          job_id: jobId,
          amount,
          description: 'Lift the old tiles, lay and grout new ones',
          estimated_duration: '3 days',
        }),
      )
    ).quote_id;
  const responses = async (viewer: ListJobResponsesQuery['viewer'], jobId: string) =>
    (await harness.queries.execute(new ListJobResponsesQuery(viewer, jobId))).responses;

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    for (const [vendor, name] of [
      [first, 'Exeter Tiling'],
      [second, 'Devon Tiles'],
      [onlyOffered, 'Quiet Tiler'],
    ] as const) {
      await harness.commands.execute(
        new PutVendorProfileCommand(vendor, {
          business_name: name,
          trade_categories: ['Tiling'],
          phone: '07911 123456',
          postcode: 'EX1 1AA',
          service_areas: ['EX'],
          service_radius_miles: 10,
        }),
      );
    }
  });
  afterAll(() => harness.stop());

  it('lists the vendors who accepted, first to accept first, with their contact and newest quote', async () => {
    const jobId = await live();
    const secondConversation = await accepted(
      jobId,
      second,
      'Dan Devon',
      '2026-12-01T09:00:00.000Z',
    );
    const firstConversation = await accepted(
      jobId,
      first,
      'Eve Exeter',
      '2026-12-01T10:00:00.000Z',
    );
    const withdrawn = await quote(first, jobId, 500);
    await harness.commands.execute(new WithdrawQuoteCommand(first, withdrawn));
    const newest = await quote(first, jobId, 450);

    expect(await responses(customer, jobId)).toEqual([
      {
        vendor_id: second.userId,
        business_name: 'Devon Tiles',
        rating: null,
        review_count: 0,
        contact_name: 'Dan Devon',
        phone: '+447911123456',
        email: 'dan@example.com',
        conversation_id: secondConversation,
        accepted_at: '2026-12-01T09:00:00.000Z',
        quote: null,
      },
      {
        vendor_id: first.userId,
        business_name: 'Exeter Tiling',
        rating: null,
        review_count: 0,
        contact_name: 'Eve Exeter',
        phone: '+447911123456',
        email: 'eve@example.com',
        conversation_id: firstConversation,
        accepted_at: '2026-12-01T10:00:00.000Z',
        quote: { quote_id: newest, amount: 450, status: 'pending' },
      },
    ]);
  });

  it('shows nothing of a vendor merely offered the job, nor any lead price', async () => {
    const jobId = await live();
    await accepted(jobId, first, 'Eve Exeter', '2026-12-01T10:00:00.000Z');

    const listed = await responses(customer, jobId);

    expect(listed.map((response) => response.vendor_id)).toEqual([first.userId]);
    expect(JSON.stringify(listed)).not.toContain(onlyOffered.userId);
    expect(JSON.stringify(listed)).not.toMatch(/price/i);
    expect(await responses(customer, await live())).toEqual([]);
  });

  it('keeps a vendor who paid for the lead and lost the job to another quote', async () => {
    const jobId = await live();
    await accepted(jobId, first, 'Eve Exeter', '2026-12-01T10:00:00.000Z');
    await harness.db.query(
      `update jobs.lead set status = 'closed' where job_id = $1 and vendor_id = $2`,
      [jobId, first.userId],
    );

    expect(await responses(customer, jobId)).toEqual([
      expect.objectContaining({ vendor_id: first.userId, contact_name: 'Eve Exeter' }),
    ]);
  });

  it('shows an admin any job’s responses', async () => {
    const jobId = await live();
    await accepted(jobId, first, 'Eve Exeter', '2026-12-01T10:00:00.000Z');

    expect(await responses({ userId: randomUUID(), role: 'admin' }, jobId)).toEqual([
      expect.objectContaining({ vendor_id: first.userId }),
    ]);
  });

  it.each([
    ['another customer’s job', async () => live()],
    ['an unknown id', async () => randomUUID()],
    ['an id that is no uuid', async () => 'job_1234567_abcd'],
  ])('answers %s with 404 JOB_NOT_FOUND', async (_case, id) => {
    const stranger = { userId: randomUUID(), role: 'customer' } as const;
    await expect(responses(stranger, await id())).rejects.toMatchObject({
      code: 'JOB_NOT_FOUND',
      status: 404,
    });
  });
});
