import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { OfferJobCommand, type OfferedJob } from './offer-job.command.js';

describe('OfferJobHandler', () => {
  let harness: ServiceHarness;
  let job: OfferedJob;
  const now = new Date();

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    job = {
      id: randomUUID(),
      customerId: randomUUID(),
      title: 'Fix leaking kitchen tap',
      description: null,
      tradeCategory: 'Plumbing',
      budgetMinPence: 5_000,
      budgetMaxPence: 15_000,
      timeframe: 'urgent',
      postcode: 'SW1A 1AA',
    };
    // A row for the leads to refer to; offering needs nothing else of the job.
    await harness.db.query(
      `insert into jobs.job (id, customer_id, status, title, trade_category, budget_min_pence,
         budget_max_pence, timeframe, postcode, created_at, updated_at)
       values ($1, $2, 'live', $3, $4, $5, $6, $7, $8, now(), now())`,
      [
        job.id,
        job.customerId,
        job.title,
        job.tradeCategory,
        job.budgetMinPence,
        job.budgetMaxPence,
        job.timeframe,
        job.postcode,
      ],
    );
  });
  afterAll(() => harness.stop());

  it('offers each vendor a lead at the one price, expiring after the offer lifetime', async () => {
    const vendorIds = [randomUUID(), randomUUID()];
    const leads = await harness.commands.execute(new OfferJobCommand(job, vendorIds, now));
    expect(leads.map((lead) => lead.vendorId)).toEqual(vendorIds);

    const { rows } = await harness.db.query(
      `select l.vendor_id, l.status, l.price_pence, l.expires_at, o.envelope
       from jobs.lead l join jobs.outbox o on o.envelope->'subject'->>'id' = l.id::text
       where l.job_id = $1 order by o.seq`,
      [job.id],
    );
    // London, complete enough for a 1.0 quality multiplier: £5 × 1.2 plumbing × 1.25 = £7.50.
    expect(rows.map((row) => [row.vendor_id, row.status, row.price_pence])).toEqual([
      [vendorIds[0], 'offered', 750],
      [vendorIds[1], 'offered', 750],
    ]);
    expect(rows[0].expires_at).toEqual(new Date(now.getTime() + 72 * 3600_000));
    expect(rows[0].envelope).toMatchObject({
      event_type: 'LEAD_OFFERED',
      actor: { id: job.customerId, role: 'system' },
      payload: {
        vendor_id: vendorIds[0],
        expires_at: rows[0].expires_at.toISOString(),
        title: job.title,
      },
    });
    expect(JSON.stringify(rows.map((row) => row.envelope))).not.toMatch(/price/i);
  });
});
