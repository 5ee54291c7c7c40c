import { CommonErrors, DomainError } from '#contracts';

/** Per sender, across all conversations and replicas (counted in Postgres). */
export const MESSAGE_RATE_LIMIT = { maxMessages: 20, windowMs: 60_000 } as const;

/**
 * Refuses a message when the sender already sent the maximum within the window. `recent` are
 * the sender's latest send times, newest first (at most `maxMessages` are needed). `retry_after`
 * is the whole seconds until the oldest of them leaves the window.
 */
export function assertWithinRateLimit(recent: readonly Date[], now: Date): void {
  const { maxMessages, windowMs } = MESSAGE_RATE_LIMIT;
  const inWindow = recent.filter((sentAt) => now.getTime() - sentAt.getTime() < windowMs);
  if (inWindow.length < maxMessages) return;
  const oldest = inWindow[maxMessages - 1];
  const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000));
  throw new DomainError(
    CommonErrors.RATE_LIMITED,
    429,
    `At most ${maxMessages} messages a minute`,
    {
      retry_after: retryAfter,
    },
  );
}
