import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';

const ATTEMPTS = 3;

/**
 * Two requests racing with the same idempotency key (or for the same lead) both pass the
 * "already done?" check; the loser's insert then hits a unique index and its transaction rolls
 * back. Running it again finds the winner's result and answers like a replay.
 */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException) || attempt >= ATTEMPTS)
        throw error;
    }
  }
}
