import {
  assertRole,
  DomainError,
  IdentityErrors,
  type UserPrincipal,
  type UserRole,
} from '#contracts';
import { PUBLIC_ROUTE } from '#platform';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AccessTokens } from './access-tokens.service.js';
import { ROLES } from './roles.decorator.js';

export interface AuthenticatedRequest extends Request {
  principal: UserPrincipal;
}

/** Every route needs a valid bearer token unless marked public; `@Roles` narrows who may call. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = this.tokens.verify(bearerToken(request.headers.authorization));
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles) assertRole(request.principal, roles);
    return true;
  }
}

/** The token of an `Authorization: Bearer <token>` header; 401 without one. */
export function bearerToken(header: string | undefined): string {
  if (!header) {
    throw new DomainError(IdentityErrors.AUTH_REQUIRED, 401, 'Authentication required');
  }
  const [scheme, token, ...rest] = header.split(' ');
  if (scheme.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
    throw new DomainError(
      IdentityErrors.INVALID_TOKEN,
      401,
      'Expected "Authorization: Bearer <token>"',
    );
  }
  return token;
}
