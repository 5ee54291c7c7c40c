import { setTimeout as sleep } from 'node:timers/promises';
import { gatherParts, UNAVAILABLE, type MissingPart } from './dashboard-parts.js';

describe('gatherParts', () => {
  it('answers every part that answered, loading them all at once', async () => {
    const started: string[] = [];
    const load = (name: string, ms: number) => async () => {
      started.push(name);
      await sleep(ms);
      return { name };
    };
    const began = Date.now();

    const parts = await gatherParts(
      { jobs: load('jobs', 80), escrow: load('escrow', 80), messages: load('messages', 80) },
      1000,
      () => undefined,
    );

    expect(parts).toEqual({
      jobs: { name: 'jobs' },
      escrow: { name: 'escrow' },
      messages: { name: 'messages' },
    });
    expect(started).toEqual(['jobs', 'escrow', 'messages']);
    // In parallel: about one part's time, not three.
    expect(Date.now() - began).toBeLessThan(200);
  });

  it('marks a part still out at the deadline unavailable and answers without waiting for it', async () => {
    const missing: MissingPart[] = [];
    const began = Date.now();

    const parts = await gatherParts(
      { fast: async () => 'here', slow: () => sleep(2000).then(() => 'late') },
      100,
      (part) => missing.push(part),
    );

    expect(parts).toEqual({ fast: 'here', slow: UNAVAILABLE });
    expect(Date.now() - began).toBeLessThan(1000);
    expect(missing).toEqual([{ part: 'slow', reason: 'deadline' }]);
  });

  it('marks a part that failed unavailable, telling why, and keeps the others', async () => {
    const missing: MissingPart[] = [];
    const failure = new Error('no replica listening');

    const parts = await gatherParts(
      {
        notifications: () => Promise.reject(failure),
        messages: async () => ({ unread_count: 2 }),
      },
      1000,
      (part) => missing.push(part),
    );

    expect(parts).toEqual({ notifications: UNAVAILABLE, messages: { unread_count: 2 } });
    expect(missing).toEqual([{ part: 'notifications', reason: 'failed', error: failure }]);
  });

  it('ignores a part that fails after its deadline has passed', async () => {
    const missing: MissingPart[] = [];

    const parts = await gatherParts(
      { late: () => sleep(150).then(() => Promise.reject(new Error('too late anyway'))) },
      20,
      (part) => missing.push(part),
    );
    await sleep(250);

    expect(parts).toEqual({ late: UNAVAILABLE });
    expect(missing).toEqual([{ part: 'late', reason: 'deadline' }]);
  });
});
