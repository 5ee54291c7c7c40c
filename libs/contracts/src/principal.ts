import { DomainError } from './errors/domain-error.js';
import { CommonErrors } from './errors/common-errors.js';
import type { ServiceName } from './services.js';

export const USER_ROLES = ['customer', 'vendor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export function isUserRole(value: unknown): value is UserRole {
  return (USER_ROLES as readonly unknown[]).includes(value);
}

/** A signed-in person, as the gateway authenticated them. */
export interface UserPrincipal<R extends UserRole = UserRole> {
  userId: string;
  role: R;
}

/**
 * One service calling another: a saga step, a reaction to an event, a forwarded webhook. The
 * end user it acts for, if any, travels as `on_behalf_of`; it grants nothing by itself.
 */
export interface ServicePrincipal {
  role: 'service';
  service: ServiceName;
  on_behalf_of?: UserPrincipal;
}

/** Who is asking: travels with every bus command and query. */
export type Principal = UserPrincipal | ServicePrincipal;

export function isUserPrincipal(principal: Principal): principal is UserPrincipal {
  return principal.role !== 'service';
}

/** Services check roles themselves; the gateway's check is only the first line. */
export function assertRole<R extends UserRole>(
  principal: Principal,
  allowed: readonly R[],
): asserts principal is UserPrincipal<R> {
  if (!(allowed as readonly string[]).includes(principal.role)) {
    throw new DomainError(
      CommonErrors.WRONG_ROLE,
      403,
      `This action is only for: ${allowed.join(', ')}`,
    );
  }
}
