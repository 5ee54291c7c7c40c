import {
  DomainError,
  IdentityErrors,
  isUserRole,
  type UserPrincipal,
  type UserRole,
} from '#contracts';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

const ISSUER = 'tradematch-gateway';
const AUDIENCE = 'tradematch-api';

/** Short-lived HS256 JWTs; verification pins the algorithm, so `alg: none` and RS/HS swaps fail. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  issue(user: { id: string; role: UserRole }): string {
    return this.jwt.sign(
      { role: user.role },
      {
        secret: this.config.jwtSecret,
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
        secret: this.config.jwtSecret,
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
