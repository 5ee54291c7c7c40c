import { classifySendFailure, retryDelayMs } from './email-backoff.js';

const settings = { baseMs: 1000, maxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles from the base, half of it fixed and half random', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, settings, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, settings, () => 1))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('stops growing at the maximum', () => {
    expect(retryDelayMs(30, settings, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, settings, () => 0)).toBe(30_000);
  });

  it('spreads failures of the same attempt apart', () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(5, settings)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(8000);
      expect(delay).toBeLessThanOrEqual(16_000);
    }
  });
});

describe('classifySendFailure', () => {
  it('gives up at once on a 5xx answer of the mail server', () => {
    const refused = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
    expect(classifySendFailure(refused)).toEqual({
      permanent: true,
      reason: '550: Mailbox unavailable',
    });
  });

  it('retries a 4xx answer, a lost connection or anything else', () => {
    const busy = Object.assign(new Error('Try again later'), { responseCode: 451 });
    expect(classifySendFailure(busy)).toEqual({ permanent: false, reason: '451: Try again later' });
    expect(classifySendFailure(new Error('connect ECONNREFUSED'))).toEqual({
      permanent: false,
      reason: 'connect ECONNREFUSED',
    });
  });
});
