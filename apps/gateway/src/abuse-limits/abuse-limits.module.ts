import type { UserPrincipal } from '#contracts';
import { Module, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { normaliseEmail } from '../identity/user.entity.js';
import { ABUSE_LIMITS_CONFIG, type AbuseLimitsConfig } from './abuse-limits.config.js';
import { AbuseLimitsGuard } from './abuse-limits.guard.js';
import { CREDENTIAL_ROUTE, type AccountField } from './credential-route.decorator.js';
import { RateLimitStoreModule } from './rate-limit-store.module.js';
import { RateLimitRepository } from './rate-limit.repository.js';

type LimitedRequest = Request & { principal?: UserPrincipal };

/**
 * Rate limits for every route but the probes, the metrics and the payment webhook, counted in
 * Postgres so that they hold across replicas. A limit that is passed blocks its key for one
 * window. Listed after the identity module: its guard runs after authentication, so a
 * signed-in caller is limited as themselves, wherever they connect from.
 */
@Module({
  imports: [
    RateLimitStoreModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStoreModule],
      inject: [ABUSE_LIMITS_CONFIG, RateLimitRepository, Reflector],
      useFactory: throttlerOptions,
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: AbuseLimitsGuard }],
})
export class AbuseLimitsModule {}

function throttlerOptions(
  config: AbuseLimitsConfig,
  storage: RateLimitRepository,
  reflector: Reflector,
): ThrottlerModuleOptions {
  const accountField = (context: ExecutionContext): AccountField | undefined =>
    reflector.get<AccountField | undefined>(CREDENTIAL_ROUTE, context.getHandler());
  const request = (context: ExecutionContext): LimitedRequest =>
    context.switchToHttp().getRequest<LimitedRequest>();
  return {
    storage,
    throttlers: [
      {
        name: 'credentials-per-address',
        limit: config.credentialsPerAddress.limit,
        ttl: config.credentialsPerAddress.windowMs,
        skipIf: (context) => !accountField(context),
      },
      {
        name: 'credentials-per-account',
        limit: config.credentialsPerAccount.limit,
        ttl: config.credentialsPerAccount.windowMs,
        // A body without the field is refused by validation right after.
        skipIf: (context) => accountOf(request(context), accountField(context)) === undefined,
        getTracker: (req, context) => accountOf(req as LimitedRequest, accountField(context))!,
      },
      {
        name: 'per-user',
        limit: config.perUser.limit,
        ttl: config.perUser.windowMs,
        skipIf: (context) => !request(context).principal,
        getTracker: (req) => (req as LimitedRequest).principal!.userId,
      },
    ],
  };
}

function accountOf(request: LimitedRequest, field: AccountField | undefined): string | undefined {
  const value: unknown = field && (request.body as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'string') return undefined;
  // A refresh token's id names its session, and so its account, without a lookup.
  return field === 'email' ? normaliseEmail(value) : value.split('.')[0];
}
