import { Quote, type QuoteTerms } from './quote.entity.js';

const now = new Date('2026-12-01T10:00:00Z');
const later = new Date('2026-12-01T11:00:00Z');
const lead = {
  id: '01a20373-6448-70ee-bd40-0586b9c3dbc1',
  jobId: '01a20373-6448-70ee-bd40-0586b9c3dbc2',
  vendorId: '01a20373-6448-70ee-bd40-0586b9c3dbc3',
};
const terms: QuoteTerms = {
  amountPence: 12_000,
  description: 'Strip and re-tile the bathroom wall',
  estimatedDuration: '2 days',
  milestones: [
    { title: 'Remove old tiles', amountPence: 6000 },
    { title: 'Fit new tiles', amountPence: 6000 },
  ],
};
const sent = () => Quote.send(lead, structuredClone(terms), now);
const notPending = (status: string) =>
  expect.objectContaining({ code: 'QUOTE_NOT_PENDING', status: 409, details: { status } });

describe('Quote.send', () => {
  it('is pending, for the lead’s job and vendor, with the terms as given', () => {
    expect(sent()).toMatchObject({
      jobId: lead.jobId,
      leadId: lead.id,
      vendorId: lead.vendorId,
      status: 'pending',
      ...terms,
      rejectReason: null,
      createdAt: now,
      updatedAt: now,
    });
  });

  it('gets a time-ordered id, so newer quotes sort after older ones', () => {
    const older = sent();
    const newer = Quote.send(lead, terms, later);
    expect(newer.id > older.id).toBe(true);
  });

  it('carries no lead price', () => {
    expect(JSON.stringify(sent())).not.toMatch(/price/i);
  });
});

describe('Quote.revise', () => {
  it('answers exactly the terms that changed and takes them', () => {
    const quote = sent();
    const changed = quote.revise(
      { ...terms, amountPence: 12_000, estimatedDuration: '3 days' },
      later,
    );
    expect(changed).toEqual(['estimatedDuration']);
    expect(quote).toMatchObject({
      estimatedDuration: '3 days',
      status: 'pending',
      updatedAt: later,
    });
  });

  it('compares stages by value, so the same stages sent again are no change', () => {
    const quote = sent();
    expect(quote.revise(structuredClone(terms), later)).toEqual([]);
    const restaged = [
      { title: 'Deposit', amountPence: 2000 },
      { title: 'Balance', amountPence: 10_000 },
    ];
    expect(quote.revise({ ...terms, milestones: restaged }, later)).toEqual(['milestones']);
    expect(quote.milestones).toEqual(restaged);
  });

  it('names every field when all of them change', () => {
    const quote = sent();
    expect(
      quote
        .revise(
          {
            amountPence: 9000,
            description: 'Re-tile the wall only',
            estimatedDuration: '1 day',
            milestones: [{ title: 'Complete the job', amountPence: 9000 }],
          },
          later,
        )
        .sort(),
    ).toEqual(['amountPence', 'description', 'estimatedDuration', 'milestones']);
  });

  it('refuses to revise a quote that is no longer pending, leaving its terms as they were', () => {
    const quote = sent();
    quote.withdraw(later);
    expect(() => quote.revise({ ...terms, amountPence: 1 }, later)).toThrow(
      notPending('withdrawn'),
    );
    expect(quote.amountPence).toBe(12_000);
  });
});

describe('Quote transitions', () => {
  it('withdraws a pending quote once', () => {
    const quote = sent();
    quote.withdraw(later);
    expect(quote).toMatchObject({ status: 'withdrawn', updatedAt: later });
    expect(() => quote.withdraw(later)).toThrow(notPending('withdrawn'));
  });

  it('rejects a pending quote, keeping the customer’s reason (or none)', () => {
    const quote = sent();
    quote.reject('Too expensive for us', later);
    expect(quote).toMatchObject({ status: 'rejected', rejectReason: 'Too expensive for us' });
    const unexplained = sent();
    unexplained.reject(null, later);
    expect(unexplained).toMatchObject({ status: 'rejected', rejectReason: null });
    expect(() => quote.reject(null, later)).toThrow(notPending('rejected'));
  });

  it('is held while the award is funded, and goes back to pending when released', () => {
    const quote = sent();
    quote.reserve(later);
    expect(quote.status).toBe('accepting');
    expect(() => quote.reserve(later)).toThrow(notPending('accepting'));
    expect(() => quote.withdraw(later)).toThrow(notPending('accepting'));
    expect(() => quote.reject(null, later)).toThrow(notPending('accepting'));
    quote.release(later);
    expect(quote.status).toBe('pending');
  });

  it('is accepted only out of the award’s hold, and then nothing changes it', () => {
    const quote = sent();
    expect(() => quote.accept(later)).toThrow(notPending('pending'));
    quote.reserve(now);
    quote.accept(later);
    expect(quote).toMatchObject({ status: 'accepted', updatedAt: later });
    expect(() => quote.release(later)).toThrow(notPending('accepted'));
    expect(() => quote.revise(terms, later)).toThrow(notPending('accepted'));
  });
});
