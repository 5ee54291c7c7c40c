import { ChainVerifier, type ChainedEntry } from './chain-verification.js';
import { entryHash } from './entry-hash.js';

/** A well-formed chain of `length` entries of one job. */
function chain(length: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  for (let sequence = 1; sequence <= length; sequence++) {
    const content = {
      eventId: `event-${sequence}`,
      eventType: 'MESSAGE_SENT',
      jobId: 'job-1',
      actorId: 'customer-1',
      actorRole: 'customer',
      subjectType: 'message',
      subjectId: `message-${sequence}`,
      correlationId: 'c',
      occurredAt: new Date(Date.UTC(2026, 10, 22, 10, sequence)),
      payload: { n: sequence },
      recordedAt: new Date(Date.UTC(2026, 10, 22, 10, sequence, 1)),
      sequence,
      prevHash: entries.at(-1)?.hash ?? null,
    };
    entries.push({ ...content, hash: entryHash(content) });
  }
  return entries;
}

function verify(entries: ChainedEntry[]) {
  const verifier = new ChainVerifier();
  for (const entry of entries) {
    const problem = verifier.check(entry);
    if (problem) return { ok: false, entries: verifier.entries, problem };
  }
  return { ok: true, entries: verifier.entries };
}

describe('ChainVerifier', () => {
  it('accepts a whole chain and counts its entries', () => {
    expect(verify(chain(5))).toEqual({ ok: true, entries: 5 });
  });

  it('names the first entry whose content was altered', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], payload: { n: 300 } };
    expect(verify(entries)).toEqual({
      ok: false,
      entries: 2,
      problem: { eventId: 'event-3', sequence: 3, problem: 'content_altered' },
    });
  });

  it('sees an altered entry whose hash was recomputed, by the next entry’s link', () => {
    const entries = chain(4);
    const forged = { ...entries[1], payload: { n: 200 } };
    entries[1] = { ...forged, hash: entryHash(forged) };
    expect(verify(entries).problem).toEqual({
      eventId: 'event-3',
      sequence: 3,
      problem: 'chain_broken',
    });
  });

  it('sees an entry removed from the middle', () => {
    const entries = chain(4);
    entries.splice(1, 1);
    expect(verify(entries).problem).toEqual({
      eventId: 'event-3',
      sequence: 3,
      problem: 'entry_missing',
    });
  });
});
