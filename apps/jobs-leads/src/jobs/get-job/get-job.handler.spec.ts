import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { CreateJobCommand } from '../create-job/create-job.command.js';
import { GetJobQuery } from './get-job.query.js';

describe('GetJobHandler', () => {
  let harness: ServiceHarness;
  const owner = { userId: randomUUID(), role: 'customer' } as const;
  let jobId: string;

  const get = (viewer: GetJobQuery['viewer'], id: string) =>
    harness.queries.execute(new GetJobQuery(viewer, id));

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    ({ job_id: jobId } = await harness.commands.execute(
      new CreateJobCommand(owner, {
        title: 'Fix leaking kitchen tap',
        trade_category: 'Plumbing',
        budget_min: 50,
        budget_max: 150,
        timeframe: 'urgent',
      }),
    ));
  });
  afterAll(() => harness.stop());

  it('shows the owner their job, and an admin any job', async () => {
    expect(await get(owner, jobId)).toMatchObject({ job_id: jobId, customer_id: owner.userId });
    expect(await get({ userId: randomUUID(), role: 'admin' }, jobId)).toMatchObject({
      job_id: jobId,
    });
  });

  it.each([
    ['another customer’s job', () => jobId],
    ['an unknown id', () => randomUUID()],
    ['an id that is no uuid', () => 'job_1234567_abcd'],
  ])('answers %s with 404 JOB_NOT_FOUND', async (_case, id) => {
    await expect(get({ userId: randomUUID(), role: 'customer' }, id())).rejects.toMatchObject({
      code: 'JOB_NOT_FOUND',
      status: 404,
    });
  });
});
