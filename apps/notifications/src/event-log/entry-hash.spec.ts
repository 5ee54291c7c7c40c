import { canonicalJson, entryHash, type HashedContent } from './entry-hash.js';

const entry: HashedContent = {
  eventId: '01a20373-654e-73a2-83e0-d6b47248bae6',
  eventType: 'QUOTE_SENT',
  jobId: '01a20373-654e-73ff-8197-dff2bd9a7c4d',
  actorId: 'vendor-1',
  actorRole: 'vendor',
  subjectType: 'quote',
  subjectId: 'quote-1',
  correlationId: 'req-42',
  occurredAt: new Date('2026-11-22T13:30:23.950Z'),
  payload: { amount: 120, milestones: [{ title: 'Complete the job', amount: 120 }] },
  recordedAt: new Date('2026-11-22T13:30:24.010Z'),
  sequence: 2,
  prevHash: 'a'.repeat(64),
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
  });

  it('writes dates as ISO strings and leaves out undefined fields', () => {
    expect(canonicalJson({ at: new Date(0), gone: undefined })).toBe(
      '{"at":"1970-01-01T00:00:00.000Z"}',
    );
  });
});

describe('entryHash', () => {
  it('is the sha256 of the canonical content, however the payload’s keys are ordered', () => {
    const hash = entryHash(entry);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered = { ...entry, payload: { milestones: entry.payload.milestones, amount: 120 } };
    expect(entryHash(reordered)).toBe(hash);
  });

  it.each<[string, Partial<HashedContent>]>([
    ['the payload', { payload: { amount: 1200 } }],
    ['the actor', { actorId: 'vendor-2' }],
    ['when it happened', { occurredAt: new Date('2026-11-22T13:30:23.951Z') }],
    ['its place in the chain', { sequence: 3 }],
    ['the link to the entry before', { prevHash: 'b'.repeat(64) }],
  ])('changes with %s', (_, change) => {
    expect(entryHash({ ...entry, ...change })).not.toBe(entryHash(entry));
  });
});
