import { DomainError } from '#contracts';
import {
  retryDelayMs,
  UnreadableEventError,
  verdictFor,
  waitedMs,
  type RetrySettings,
} from './event-retry-policy.js';

describe('the event retry policy', () => {
  const defaults: RetrySettings = { baseMs: 200, maxMs: 60_000, giveUpMs: 24 * 60 * 60 * 1000 };
  const outage = new Error('connect ECONNREFUSED 127.0.0.1:5432');

  it('backs off 200 ms, doubling, up to a minute', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 50, 5000].map((n) => retryDelayMs(n, defaults))).toEqual([
      200, 400, 800, 1600, 3200, 51_200, 60_000, 60_000, 60_000,
    ]);
  });

  it('retries a database outage for 24 hours of backoff, then gives up', () => {
    // 200 … 51 200 ms (102.2 s) before the 10th delivery, then a minute each.
    expect(waitedMs(10, defaults)).toBe(102_200);
    const lastRetried = 10 + Math.floor((defaults.giveUpMs - 102_200) / 60_000);
    expect(lastRetried).toBe(1448);
    expect(verdictFor(outage, 5, defaults)).toEqual({ action: 'retry', delayMs: 3200 });
    expect(verdictFor(outage, lastRetried, defaults)).toEqual({ action: 'retry', delayMs: 60_000 });
    expect(verdictFor(outage, lastRetried + 1, defaults)).toEqual({
      action: 'dead-letter',
      reason: 'gave_up',
    });
  });

  it('dead-letters at once what can never succeed: a refusal below 500, or no event at all', () => {
    const refused = new DomainError('LEAD_ALREADY_REFUNDED', 409, 'already refunded');
    expect(verdictFor(refused, 1, defaults)).toEqual({ action: 'dead-letter', reason: 'refused' });
    expect(verdictFor(new UnreadableEventError('not JSON'), 1, defaults)).toEqual({
      action: 'dead-letter',
      reason: 'unreadable',
    });
    const unavailable = new DomainError('UPSTREAM_UNAVAILABLE', 503, 'no replica');
    expect(verdictFor(unavailable, 1, defaults)).toEqual({ action: 'retry', delayMs: 200 });
  });
});
