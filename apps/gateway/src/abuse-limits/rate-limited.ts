import { CommonErrors, DomainError } from '#contracts';

/** 429 `RATE_LIMITED`, saying in whole seconds (`retry_after`) when to try again. */
export function rateLimited(retryAfterMs: number, message: string): DomainError {
  return new DomainError(CommonErrors.RATE_LIMITED, 429, message, {
    retry_after: Math.max(1, Math.ceil(retryAfterMs / 1000)),
  });
}
