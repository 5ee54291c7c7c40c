import { CommonErrors, DomainError } from '#contracts';

/** 409: the first request with this key has not finished within the wait. */
export function keyStillInUse(waitedMs: number): DomainError {
  return new DomainError(
    CommonErrors.IDEMPOTENCY_KEY_IN_USE,
    409,
    'A request with this idempotency key is still running',
    { retry_after: Math.max(1, Math.ceil(waitedMs / 1000)) },
  );
}
