import { Module } from '@nestjs/common';
import { ABUSE_LIMITS_CONFIG, loadAbuseLimitsConfig } from './abuse-limits.config.js';
import { RateLimitSweepPoller } from './rate-limit-sweep.poller.js';
import { RateLimitRepository } from './rate-limit.repository.js';

/** The shared counters and the limits they enforce, for the throttler and the login lockout. */
@Module({
  providers: [
    { provide: ABUSE_LIMITS_CONFIG, useFactory: loadAbuseLimitsConfig },
    RateLimitRepository,
    RateLimitSweepPoller,
  ],
  exports: [ABUSE_LIMITS_CONFIG, RateLimitRepository],
})
export class RateLimitStoreModule {}
