import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { OfferJobCommand, type OfferedJob } from '../offer-job/offer-job.command.js';
import { CloseOpenOffersCommand } from './close-open-offers.command.js';

describe('CloseOpenOffersHandler', () => {
  let harness: ServiceHarness;

  /** A job row for the leads to refer to; offers need nothing else of it. */
  const draftJob = async (): Promise<OfferedJob> => {
    const job: OfferedJob = {
      id: randomUUID(),
      customerId: randomUUID(),
      title: 'Retile the bathroom floor',
      description: null,
      tradeCategory: 'Tiling',
      budgetMinPence: 50_000,
      budgetMaxPence: 90_000,
      timeframe: 'flexible',
      postcode: 'DL1 5RF',
    };
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
    return job;
  };

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
  });
  afterAll(() => harness.stop());

  it('closes only the open offers and names the accepted ones, which stay accepted', async () => {
    const job = await draftJob();
    const vendors = [randomUUID(), randomUUID(), randomUUID()];
    const [declined, accepted, open] = await harness.commands.execute(
      new OfferJobCommand(job, vendors, new Date()),
    );
    // Answered through decline-lead and accept-lead (paid in escrow) in real life; marked here.
    await harness.db.query(
      `update jobs.lead set status = 'declined', decline_reason = 'too_far' where id = $1`,
      [declined.id],
    );
    await harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = now(),
         conversation_id = gen_random_uuid() where id = $1`,
      [accepted.id],
    );

    expect(await harness.commands.execute(new CloseOpenOffersCommand(job.id))).toEqual({
      closedLeadIds: [open.id],
      acceptedLeadIds: [accepted.id],
    });
    const { rows } = await harness.db.query('select id, status from jobs.lead where job_id = $1', [
      job.id,
    ]);
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({
      [declined.id]: 'declined',
      [accepted.id]: 'accepted',
      [open.id]: 'closed',
    });
    expect(await harness.commands.execute(new CloseOpenOffersCommand(job.id))).toEqual({
      closedLeadIds: [],
      acceptedLeadIds: [accepted.id],
    });
  });
});
