import { envInt, envString } from '#platform';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export interface GatewayConfig {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Express `trust proxy`: hops of reverse proxies in front of the gateway. */
  trustProxy: number;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins: string[];
}

const MIN_SECRET_LENGTH = 32;

/**
 * JWT_SECRET is required in production. Elsewhere a missing secret is replaced by a random one
 * per process, so tokens do not survive a restart, which is fine for local runs.
 */
export function loadGatewayConfig(logger: Logger): GatewayConfig {
  let jwtSecret = process.env.JWT_SECRET ?? '';
  if (jwtSecret.length < MIN_SECRET_LENGTH) {
    if (process.env.NODE_ENV === 'production') {
      throw new Error(
        `JWT_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters in production`,
      );
    }
    logger.warn('JWT_SECRET is not set (or too short): using a random secret for this process');
    jwtSecret = randomBytes(48).toString('base64url');
  }
  return {
    jwtSecret,
    accessTokenTtlSeconds: envInt('JWT_ACCESS_TTL_SECONDS', 900),
    refreshTokenTtlSeconds: envInt('JWT_REFRESH_TTL_SECONDS', 30 * 24 * 3600),
    trustProxy: envInt('TRUST_PROXY', 0),
    corsOrigins: envString('CORS_ORIGINS', '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  };
}
