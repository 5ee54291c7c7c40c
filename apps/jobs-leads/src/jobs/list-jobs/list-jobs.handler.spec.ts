import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { CreateJobCommand } from '../create-job/create-job.command.js';
import { ListJobsQuery } from './list-jobs.query.js';

describe('ListJobsHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;

  const list = (page: ListJobsQuery['page'], who: ListJobsQuery['customer'] = customer) =>
    harness.queries.execute(new ListJobsQuery(who, page));

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
  });
  afterAll(() => harness.stop());

  it('pages through the customer’s own jobs, newest first', async () => {
    const ids: string[] = [];
    for (const title of ['First job here', 'Second job here', 'Third job here']) {
      const job = await harness.commands.execute(
        new CreateJobCommand(customer, {
          title,
          trade_category: 'Tiling',
          budget_min: 100,
          budget_max: 200,
          timeframe: 'flexible',
        }),
      );
      ids.push(job.job_id);
    }
    const first = await list({ limit: 2 });
    expect(first.jobs.map((job) => job.job_id)).toEqual([ids[2], ids[1]]);
    expect(first.next_cursor).toBe(ids[1]);
    const second = await list({ limit: 2, cursor: first.next_cursor! });
    expect(second).toEqual({
      jobs: [expect.objectContaining({ job_id: ids[0] })],
      next_cursor: null,
    });
    expect(await list({}, { userId: randomUUID(), role: 'customer' })).toEqual({
      jobs: [],
      next_cursor: null,
    });
  });
});
