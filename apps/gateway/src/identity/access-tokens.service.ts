import {
  DomainError,
  IdentityErrors,
  isUserRole,
  type UserPrincipal,
  type UserRole,
} from '#contracts';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

const ISSUER = 'tradematch-gateway';
const AUDIENCE = 'tradematch-api';

/**
 * Short-lived HS256 JWTs; verification pins the algorithm, so `alg: none` and RS/HS swaps fail.
 * The secret is a key object made once: handed a string, jsonwebtoken first tries to read it as
 * a public key on every call, and that failed attempt was an eighth of the gateway's CPU.
 */
@Injectable()
export class AccessTokens {
  private readonly jwt: JwtService;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    const key = createSecretKey(Buffer.from(config.jwtSecret));
    this.jwt = new JwtService({ secretOrKeyProvider: () => key });
  }

  issue(user: { id: string; role: UserRole }): string {
    return this.jwt.sign(
      { role: user.role },
      {
        algorithm: 'HS256',
        subject: user.id,
        issuer: ISSUER,
        audience: AUDIENCE,
        expiresIn: this.config.accessTokenTtlSeconds,
      },
    );
  }

  verify(token: string): UserPrincipal {
    let claims: { sub?: unknown; role?: unknown };
    try {
      claims = this.jwt.verify(token, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'TokenExpiredError') {
        throw new DomainError(IdentityErrors.TOKEN_EXPIRED, 401, 'The access token has expired');
      }
      throw invalidToken();
    }
    if (typeof claims.sub !== 'string' || !isUserRole(claims.role)) throw invalidToken();
    return { userId: claims.sub, role: claims.role };
  }
}

function invalidToken(): DomainError {
  return new DomainError(IdentityErrors.INVALID_TOKEN, 401, 'The access token is not valid');
}
