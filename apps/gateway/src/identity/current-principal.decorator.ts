import type { UserPrincipal } from '#contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './auth.guard.js';

/** The authenticated caller, as set by the AuthGuard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): UserPrincipal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
