import { ROOT_LOGGER } from '#platform';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { RateLimitStoreModule } from '../abuse-limits/rate-limit-store.module.js';
import { GATEWAY_CONFIG, loadGatewayConfig } from '../gateway.config.js';
import { AccessTokens } from './access-tokens.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginLockout } from './login-lockout.service.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { UsersRepository } from './users.repository.js';

@Module({
  imports: [RateLimitStoreModule],
  controllers: [AuthController],
  providers: [
    {
      provide: GATEWAY_CONFIG,
      useFactory: (logger: Logger) => loadGatewayConfig(logger),
      inject: [ROOT_LOGGER],
    },
    AccessTokens,
    UsersRepository,
    RefreshTokensRepository,
    AuthService,
    LoginLockout,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [GATEWAY_CONFIG, AuthService, AccessTokens],
})
export class IdentityModule {}
