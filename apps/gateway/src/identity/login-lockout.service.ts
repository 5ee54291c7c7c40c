import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  ABUSE_LIMITS_CONFIG,
  type AbuseLimitsConfig,
} from '../abuse-limits/abuse-limits.config.js';
import { rateLimited } from '../abuse-limits/rate-limited.js';
import { RateLimitRepository } from '../abuse-limits/rate-limit.repository.js';
import { normaliseEmail } from './user.entity.js';

/**
 * Repeated wrong passwords lock an account for a short while, whoever sends them and from
 * wherever: a locked login is refused before any password is hashed, so a guessing flood
 * costs the gateway almost nothing. The lockout is short because anyone can trigger it.
 */
@Injectable()
export class LoginLockout {
  constructor(
    private readonly counters: RateLimitRepository,
    @Inject(ABUSE_LIMITS_CONFIG) private readonly config: AbuseLimitsConfig,
  ) {}

  async assertNotLocked(email: string): Promise<void> {
    const lockedForMs = await this.counters.blockedForMs(failuresKey(email));
    if (lockedForMs > 0) {
      throw rateLimited(lockedForMs, 'Too many failed logins for this account; try again later');
    }
  }

  async recordFailure(email: string): Promise<void> {
    const { failures, windowMs, lockoutMs } = this.config.loginLockout;
    // The failure that reaches the threshold sets the lock, for the attempts after it.
    await this.counters.hit(failuresKey(email), {
      limit: failures - 1,
      windowMs,
      blockMs: lockoutMs,
    });
  }

  async recordSuccess(email: string): Promise<void> {
    await this.counters.forget(failuresKey(email));
  }
}

/** Hashed, so the table holds no email addresses. */
function failuresKey(email: string): string {
  return `login-failures:${createHash('sha256').update(normaliseEmail(email)).digest('hex')}`;
}
