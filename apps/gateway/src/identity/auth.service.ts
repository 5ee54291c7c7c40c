import { DomainError, ErrorCode, type Principal } from '#contracts';
import { CreateRequestContext } from '@mikro-orm/decorators/legacy';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { AccessTokens } from './access-tokens.js';
import type { TokenPairResponse, UserResponse } from './dto/auth.responses.js';
import type { LoginRequest } from './dto/login.request.js';
import type { RegisterRequest } from './dto/register.request.js';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password-hasher.js';
import { issueRefreshToken, revokeSession, rotateRefreshToken } from './refresh-tokens.js';
import { createUser } from './create-user.js';
import { normaliseEmail, User } from './user.entity.js';

@Injectable()
export class AuthService {
  constructor(
    readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly accessTokens: AccessTokens,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @CreateRequestContext()
  async register(request: RegisterRequest): Promise<UserResponse> {
    const user = await createUser(this.em, {
      email: request.email,
      passwordHash: await hashPassword(request.password),
      name: request.name,
      phone: request.phone,
      role: request.role,
    });
    return toUserResponse(user);
  }

  @CreateRequestContext()
  async login(request: LoginRequest): Promise<TokenPairResponse> {
    const user = await this.em.findOne(User, { email: normaliseEmail(request.email) });
    const valid = user
      ? await verifyPassword(user.passwordHash, request.password)
      : await verifyAgainstNothing(request.password);
    if (!user || !valid) {
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 401, 'Wrong email or password');
    }
    const refreshToken = issueRefreshToken(this.em, user.id, this.config.refreshTokenTtlSeconds);
    await this.em.flush();
    return this.tokenPair(user, refreshToken);
  }

  @CreateRequestContext()
  async refresh(refreshToken: string): Promise<TokenPairResponse> {
    const outcome = await this.em.transactional((em) =>
      rotateRefreshToken(em, refreshToken, this.config.refreshTokenTtlSeconds),
    );
    if (outcome.kind === 'reused') {
      throw new DomainError(
        ErrorCode.REFRESH_TOKEN_REUSED,
        401,
        'This refresh token was already used; the session has been revoked',
      );
    }
    const user =
      outcome.kind === 'rotated' ? await this.em.findOne(User, { id: outcome.userId }) : null;
    if (outcome.kind !== 'rotated' || !user) {
      throw new DomainError(ErrorCode.INVALID_REFRESH_TOKEN, 401, 'The refresh token is not valid');
    }
    return this.tokenPair(user, outcome.next);
  }

  @CreateRequestContext()
  async logout(refreshToken: string): Promise<void> {
    await this.em.transactional((em) => revokeSession(em, refreshToken));
  }

  @CreateRequestContext()
  async me(principal: Principal): Promise<UserResponse> {
    const user = await this.em.findOne(User, { id: principal.userId });
    if (!user) throw new DomainError(ErrorCode.INVALID_TOKEN, 401, 'The account no longer exists');
    return toUserResponse(user);
  }

  /** Name, email and phone of an account, for the services that reveal them to paying vendors. */
  @CreateRequestContext()
  async contactCard(principal: Principal): Promise<{ name: string; email: string; phone: string }> {
    const user = await this.em.findOne(User, { id: principal.userId });
    if (!user) throw new DomainError(ErrorCode.INVALID_TOKEN, 401, 'The account no longer exists');
    return { name: user.name, email: user.email, phone: user.phone };
  }

  private tokenPair(user: User, refreshToken: string): TokenPairResponse {
    return {
      access_token: this.accessTokens.issue(user),
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: this.config.accessTokenTtlSeconds,
    };
  }
}

function toUserResponse(user: User): UserResponse {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
