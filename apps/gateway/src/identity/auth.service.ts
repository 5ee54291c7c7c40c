import { DomainError, IdentityErrors, type UserPrincipal } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { AccessTokens } from './access-tokens.service.js';
import type { TokenPairResponse, UserResponse } from './dto/auth.response.js';
import type { LoginRequest } from './dto/login.request.js';
import type { RegisterRequest } from './dto/register.request.js';
import { LoginLockout } from './login-lockout.service.js';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password-hasher.js';
import { RefreshTokensRepository, type RefreshTokenValue } from './refresh-tokens.repository.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

type RotationOutcome =
  | { kind: 'rotated'; userId: string; next: RefreshTokenValue }
  | { kind: 'reused' }
  | { kind: 'invalid' };

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly accessTokens: AccessTokens,
    private readonly lockout: LoginLockout,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(request: RegisterRequest): Promise<UserResponse> {
    const user = await this.users.add(
      {
        email: request.email,
        passwordHash: await hashPassword(request.password),
        name: request.name,
        phone: request.phone,
        role: request.role,
      },
      this.clock.now(),
    );
    return toUserResponse(user);
  }

  async login(request: LoginRequest): Promise<TokenPairResponse> {
    await this.lockout.assertNotLocked(request.email);
    const user = await this.users.findByEmail(request.email);
    const valid = user
      ? await verifyPassword(user.passwordHash, request.password)
      : await verifyAgainstNothing(request.password);
    if (!user || !valid) {
      await this.lockout.recordFailure(request.email);
      throw new DomainError(IdentityErrors.INVALID_CREDENTIALS, 401, 'Wrong email or password');
    }
    await this.lockout.recordSuccess(request.email);
    const refreshToken = this.refreshTokens.add(
      user.id,
      this.config.refreshTokenTtlSeconds,
      this.clock.now(),
    );
    await this.em.flush();
    return this.tokenPair(user, refreshToken);
  }

  async refresh(refreshToken: RefreshTokenValue): Promise<TokenPairResponse> {
    const outcome = await this.em.transactional(() => this.rotate(refreshToken, this.clock.now()));
    // Thrown after the commit: the revocation of the replayed session must stay.
    if (outcome.kind === 'reused') {
      throw new DomainError(
        IdentityErrors.REFRESH_TOKEN_REUSED,
        401,
        'This refresh token was already used; the session has been revoked',
      );
    }
    const user = outcome.kind === 'rotated' ? await this.users.findById(outcome.userId) : null;
    if (outcome.kind !== 'rotated' || !user) throw invalidRefreshToken();
    return this.tokenPair(user, outcome.next);
  }

  /** Logout: every token of the presented token's session stops working. */
  async logout(refreshToken: RefreshTokenValue): Promise<void> {
    await this.em.transactional(async () => {
      const token = await this.refreshTokens.findPresented(refreshToken, false);
      if (!token) throw invalidRefreshToken();
      await this.refreshTokens.revokeFamily(token.familyId, this.clock.now());
    });
  }

  async me(principal: UserPrincipal): Promise<UserResponse> {
    return toUserResponse(await this.existingUser(principal));
  }

  /** Name, email and phone of an account, for the services that reveal them to paying vendors. */
  async contactCard(
    principal: UserPrincipal,
  ): Promise<{ name: string; email: string; phone: string }> {
    const user = await this.existingUser(principal);
    return { name: user.name, email: user.email, phone: user.phone };
  }

  /**
   * Exchanges a refresh token for a new one in the same family. A token presented again is a
   * replay: its family is revoked, so the thief and the owner both have to log in again.
   */
  private async rotate(value: RefreshTokenValue, now: Date): Promise<RotationOutcome> {
    const token = await this.refreshTokens.findPresented(value, true);
    if (!token) return { kind: 'invalid' };
    switch (token.use(now)) {
      case 'replayed':
        await this.refreshTokens.revokeFamily(token.familyId, now);
        return { kind: 'reused' };
      case 'expired':
        return { kind: 'invalid' };
      case 'used': {
        const ttl = this.config.refreshTokenTtlSeconds;
        const next = this.refreshTokens.add(token.userId, ttl, now, token.familyId);
        return { kind: 'rotated', userId: token.userId, next };
      }
    }
  }

  private async existingUser(principal: UserPrincipal): Promise<User> {
    const user = await this.users.findById(principal.userId);
    if (!user) {
      throw new DomainError(IdentityErrors.INVALID_TOKEN, 401, 'The account no longer exists');
    }
    return user;
  }

  private tokenPair(user: User, refreshToken: RefreshTokenValue): TokenPairResponse {
    return {
      access_token: this.accessTokens.issue(user),
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: this.config.accessTokenTtlSeconds,
    };
  }
}

function invalidRefreshToken(): DomainError {
  return new DomainError(
    IdentityErrors.INVALID_REFRESH_TOKEN,
    401,
    'The refresh token is not valid',
  );
}

function toUserResponse(user: User): UserResponse {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
