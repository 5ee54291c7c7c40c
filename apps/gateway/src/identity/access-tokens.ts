import { DomainError, ErrorCode, USER_ROLES, type Principal, type UserRole } from '#contracts';
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

  verify(token: string): Principal {
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
        throw new DomainError(ErrorCode.TOKEN_EXPIRED, 401, 'The access token has expired');
      }
      throw invalidToken();
    }
    if (typeof claims.sub !== 'string' || !USER_ROLES.includes(claims.role as UserRole)) {
      throw invalidToken();
    }
    return { userId: claims.sub, role: claims.role as UserRole };
  }
}

function invalidToken(): DomainError {
  return new DomainError(ErrorCode.INVALID_TOKEN, 401, 'The access token is not valid');
}
