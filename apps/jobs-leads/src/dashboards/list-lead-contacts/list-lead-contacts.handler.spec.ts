import { randomUUID } from 'node:crypto';
import {
  CUSTOMER_CONTACT,
  publishedJob,
  roofingJob,
} from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { ListLeadContactsQuery } from './list-lead-contacts.query.js';

describe('ListLeadContactsHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const paying = { userId: randomUUID(), role: 'vendor' } as const;
  const offeredOnly = { userId: randomUUID(), role: 'vendor' } as const;

  /** A live job offered to both roofers covering TR; `paying` accepted it. Its two leads. */
  const job = async (owner: { userId: string; role: 'customer' } = customer) => {
    const jobId = await publishedJob(harness, owner, roofingJob('TR1 1AA'), {
      ...CUSTOMER_CONTACT,
      customer_name: 'Alice Customer',
    });
    // Escrow is not running here: the acceptance is marked paid straight in the table.
    await harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = now(), conversation_id = gen_random_uuid(),
              vendor_contact_name = 'Rob Roofer', vendor_contact_email = 'rob@example.com'
        where job_id = $1 and vendor_id = $2`,
      [jobId, paying.userId],
    );
    const { rows } = await harness.db.query<{ id: string; vendor_id: string }>(
      'select id, vendor_id from jobs.lead where job_id = $1',
      [jobId],
    );
    const leadOf = (vendor: { userId: string }) =>
      rows.find((row) => row.vendor_id === vendor.userId)!.id;
    return { jobId, paid: leadOf(paying), offered: leadOf(offeredOnly) };
  };
  const contacts = async (viewer: ListLeadContactsQuery['viewer'], leadIds: string[]) =>
    (await harness.queries.execute(new ListLeadContactsQuery(viewer, leadIds))).contacts;

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    for (const [vendor, name] of [
      [paying, 'Truro Roofing'],
      [offeredOnly, 'Cornish Slates'],
    ] as const) {
      await harness.commands.execute(
        new PutVendorProfileCommand(vendor, {
          business_name: name,
          trade_categories: ['Roofing'],
          phone: '07911 123456',
          postcode: 'TR1 1AA',
          service_areas: ['TR'],
          service_radius_miles: 10,
        }),
      );
    }
  });
  afterAll(() => harness.stop());

  it('shows the customer the vendor who paid for their lead: business, person, phone and email', async () => {
    const { jobId, paid } = await job();

    expect(await contacts(customer, [paid])).toEqual([
      {
        lead_id: paid,
        job_id: jobId,
        job_title: 'Replace slipped roof tiles',
        vendor: {
          vendor_id: paying.userId,
          business_name: 'Truro Roofing',
          rating: null,
          review_count: 0,
          contact_name: 'Rob Roofer',
          phone: '+447911123456',
          email: 'rob@example.com',
        },
        customer: null,
      },
    ]);
  });

  it('shows the vendor who paid the customer’s contact card, and nothing of the vendor side', async () => {
    const { jobId, paid } = await job();

    expect(await contacts(paying, [paid])).toEqual([
      {
        lead_id: paid,
        job_id: jobId,
        job_title: 'Replace slipped roof tiles',
        vendor: null,
        customer: {
          customer_id: customer.userId,
          name: 'Alice Customer',
          email: 'alice@example.com',
          phone: '+447911123456',
        },
      },
    ]);
  });

  it('leaves out a lead only offered, for the customer and for its vendor alike', async () => {
    const { offered } = await job();

    expect(await contacts(customer, [offered])).toEqual([]);
    expect(await contacts(offeredOnly, [offered])).toEqual([]);
  });

  it('leaves out another customer’s leads and another vendor’s', async () => {
    const { paid } = await job({ userId: randomUUID(), role: 'customer' });

    expect(await contacts(customer, [paid])).toEqual([]);
    expect(await contacts(offeredOnly, [paid])).toEqual([]);
    expect(await contacts(paying, [paid])).toHaveLength(1);
  });

  it('keeps both sides’ details once the vendor’s lead is closed by another quote winning', async () => {
    const { paid } = await job();
    await harness.db.query(`update jobs.lead set status = 'closed' where id = $1`, [paid]);

    expect(await contacts(customer, [paid])).toEqual([
      expect.objectContaining({ vendor: expect.objectContaining({ contact_name: 'Rob Roofer' }) }),
    ]);
    expect(await contacts(paying, [paid])).toEqual([
      expect.objectContaining({ customer: expect.objectContaining({ name: 'Alice Customer' }) }),
    ]);
  });

  it('answers an empty list, or unknown leads, with no contacts', async () => {
    expect(await contacts(customer, [])).toEqual([]);
    expect(await contacts(paying, [randomUUID()])).toEqual([]);
  });
});
