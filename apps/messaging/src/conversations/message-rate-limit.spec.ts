import { assertWithinRateLimit } from './message-rate-limit.js';

const now = new Date('2026-11-22T12:00:00.000Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('message rate limit', () => {
  it('lets a sender send 20 messages a minute', () => {
    const nineteen = Array.from({ length: 19 }, (_, index) => secondsAgo(index));
    expect(() => assertWithinRateLimit(nineteen, now)).not.toThrow();
  });

  it('refuses the 21st with the seconds until the oldest leaves the window', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => secondsAgo(index * 2));
    expect(() => assertWithinRateLimit(twenty, now)).toThrow(
      expect.objectContaining({ code: 'RATE_LIMITED', status: 429, details: { retry_after: 22 } }),
    );
  });

  it('forgets messages older than a minute, and never says to retry after 0 seconds', () => {
    const old = Array.from({ length: 20 }, () => secondsAgo(60));
    expect(() => assertWithinRateLimit(old, now)).not.toThrow();
    const justInside = Array.from({ length: 20 }, () => secondsAgo(59.9));
    expect(() => assertWithinRateLimit(justInside, now)).toThrow(
      expect.objectContaining({ details: { retry_after: 1 } }),
    );
  });
});
