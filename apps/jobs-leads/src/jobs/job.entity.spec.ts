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

describe('Job.publish, cancel and expire', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const later = new Date('2026-11-23T10:00:00Z');
  const contact = { name: 'Alice', email: 'Alice@Example.com', phone: '07911 123456' };

  it('goes live until the lifetime is up, keeping the contact card normalised', () => {
    const job = Job.draft(input, now);
    expect(job.publish(contact, later, 3_600_000)).toEqual({
      from: 'draft',
      to: 'live',
      postcode: 'SW1A 1AA',
      expiresAt: new Date('2026-11-23T11:00:00Z'),
    });
    expect(job).toMatchObject({
      status: 'live',
      customerEmail: 'alice@example.com',
      customerPhone: '+447911123456',
      publishedAt: later,
      updatedAt: later,
    });
  });

  it('needs a postcode to publish, and leaves the draft as it was without one', () => {
    const job = Job.draft({ ...input, postcode: undefined }, now);
    expect(() => job.publish(contact, later, 3_600_000)).toThrow(
      expect.objectContaining({ code: 'JOB_INCOMPLETE', status: 422 }) as unknown as DomainError,
    );
    expect(job).toMatchObject({ status: 'draft', customerName: null, updatedAt: now });
  });

  it('answers which status a cancel or an expiry left', () => {
    const draft = Job.draft(input, now);
    expect(draft.cancel(later)).toEqual({ from: 'draft', to: 'cancelled' });
    const live = Job.draft(input, now);
    live.publish(contact, now, 3_600_000);
    expect(live.expire(later)).toEqual({ from: 'live', to: 'expired' });
    expect(() => live.cancel(later)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE_TRANSITION' }) as unknown as DomainError,
    );
  });
});

describe('Job award', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const later = new Date('2026-11-23T10:00:00Z');
  const contact = { name: 'Alice', email: 'alice@example.com', phone: '07911 123456' };
  const live = () => {
    const job = Job.draft(input, now);
    job.publish(contact, now, 3_600_000);
    return job;
  };
  const refusal = (code: string) =>
    expect.objectContaining({ code, status: 409 }) as unknown as DomainError;

  it('reserves a live job for one quote, then awards it: live → awarding → in progress', () => {
    const job = live();
    expect(job.reserveAward(later)).toEqual({ from: 'live', to: 'awarding' });
    expect(job.updatedAt).toEqual(later);
    expect(job.award(later)).toEqual({ from: 'awarding', to: 'in_progress' });
  });

  it('refuses a second award with 409 JOB_ALREADY_AWARDED, held or done', () => {
    const job = live();
    job.reserveAward(later);
    expect(() => job.reserveAward(later)).toThrow(refusal('JOB_ALREADY_AWARDED'));
    job.award(later);
    expect(() => job.reserveAward(later)).toThrow(refusal('JOB_ALREADY_AWARDED'));
    expect(job.status).toBe('in_progress');
  });

  it('refuses to award a job that is not live, draft, cancelled or expired, with 409 JOB_NOT_LIVE', () => {
    const draft = Job.draft(input, now);
    const cancelled = live();
    cancelled.cancel(later);
    const expired = live();
    expired.expire(later);
    for (const job of [draft, cancelled, expired]) {
      const status = job.status;
      expect(() => job.reserveAward(later)).toThrow(
        expect.objectContaining({ code: 'JOB_NOT_LIVE', status: 409, details: { status } }),
      );
      expect(job.status).toBe(status);
    }
  });

  it('goes back to live when the award is released, and may be reserved again', () => {
    const job = live();
    job.reserveAward(now);
    expect(job.releaseAward(later)).toEqual({ from: 'awarding', to: 'live' });
    expect(job.reserveAward(later)).toEqual({ from: 'live', to: 'awarding' });
  });

  it('neither awards nor releases a job nobody reserved, nor cancels one being awarded', () => {
    const job = live();
    expect(() => job.award(later)).toThrow(refusal('INVALID_STATE_TRANSITION'));
    expect(() => job.releaseAward(later)).toThrow(refusal('INVALID_STATE_TRANSITION'));
    job.reserveAward(later);
    expect(() => job.cancel(later)).toThrow(refusal('INVALID_STATE_TRANSITION'));
    expect(job.status).toBe('awarding');
  });
});
