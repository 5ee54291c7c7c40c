import { envInt } from '#platform';

export const ABUSE_LIMITS_CONFIG = Symbol('ABUSE_LIMITS_CONFIG');

/** At most `limit` requests per fixed window of `windowMs`; past it, refused for a window. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface AbuseLimitsConfig {
  /** Register, login, refresh and logout, per client address. */
  credentialsPerAddress: RateLimit;
  /** The same routes, per account named in the body: the email, or the refresh token's id. */
  credentialsPerAccount: RateLimit;
  /** Every other route, per signed-in user. */
  perUser: RateLimit;
  /** `failures` wrong passwords for one account within `windowMs` lock it for `lockoutMs`. */
  loginLockout: { failures: number; windowMs: number; lockoutMs: number };
}

export function loadAbuseLimitsConfig(): AbuseLimitsConfig {
  const credentialsWindowMs = envInt('RATE_LIMIT_AUTH_WINDOW_MS', 60_000);
  return {
    credentialsPerAddress: {
      limit: envInt('RATE_LIMIT_AUTH_PER_IP', 20),
      windowMs: credentialsWindowMs,
    },
    credentialsPerAccount: {
      limit: envInt('RATE_LIMIT_AUTH_PER_ACCOUNT', 10),
      windowMs: credentialsWindowMs,
    },
    perUser: {
      limit: envInt('RATE_LIMIT_PER_USER', 600),
      windowMs: envInt('RATE_LIMIT_USER_WINDOW_MS', 60_000),
    },
    loginLockout: {
      failures: envInt('LOGIN_LOCKOUT_FAILURES', 5),
      windowMs: envInt('LOGIN_FAILURE_WINDOW_MS', 15 * 60_000),
      lockoutMs: envInt('LOGIN_LOCKOUT_MS', 5 * 60_000),
    },
  };
}
