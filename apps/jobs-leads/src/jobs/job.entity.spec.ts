import { DomainError } from '#contracts';
import { Job, type DraftJobInput } from './job.entity.js';

const input: DraftJobInput = {
  customerId: '01a20373-6448-70ee-bd40-0586b9c3dbcb',
  title: '  Fix leaking kitchen tap ',
  tradeCategory: 'Plumbing',
  budgetMin: 49.99,
  budgetMax: 150,
  timeframe: 'urgent',
  postcode: 'sw1a1aa',
};

describe('Job.draft', () => {
  const now = new Date('2026-11-22T10:00:00Z');

  it('starts as a draft with budgets in pence, a trimmed title and a normalised postcode', () => {
    const job = Job.draft(input, now);
    expect(job).toMatchObject({
      status: 'draft',
      title: 'Fix leaking kitchen tap',
      budgetMinPence: 4999,
      budgetMaxPence: 15000,
      postcode: 'SW1A 1AA',
      description: null,
      createdAt: now,
      updatedAt: now,
    });
  });

  it('gets a time-ordered id, so newer jobs sort after older ones', () => {
    const older = Job.draft(input, now);
    const newer = Job.draft(input, new Date(now.getTime() + 1));
    expect(newer.id > older.id).toBe(true);
  });

  it('accepts equal minimum and maximum budgets', () => {
    expect(Job.draft({ ...input, budgetMin: 100, budgetMax: 100 }, now).budgetMaxPence).toBe(10000);
  });

  it('refuses a minimum budget above the maximum with a validation error', () => {
    expect(() => Job.draft({ ...input, budgetMin: 200, budgetMax: 100 }, now)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }) as unknown as DomainError,
    );
  });
});
