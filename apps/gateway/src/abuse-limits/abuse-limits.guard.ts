import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { rateLimited } from './rate-limited.js';

/**
 * The throttler, answering in the API's error format: 429 `RATE_LIMITED` with `retry_after` in
 * seconds (also sent as the `Retry-After` header).
 */
@Injectable()
export class AbuseLimitsGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw rateLimited(detail.timeToBlockExpire * 1000, 'Too many requests; try again later');
  }
}
