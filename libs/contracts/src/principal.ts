import { DomainError } from './errors/domain-error.js';
import { ErrorCode } from './errors/error-codes.js';

export const USER_ROLES = ['customer', 'vendor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Who is asking: travels with every bus command and query. */
export interface Principal {
  userId: string;
  role: UserRole;
}

/** Services check roles themselves; the gateway's check is only the first line. */
export function assertRole(principal: Principal, allowed: readonly UserRole[]): void {
  if (!allowed.includes(principal.role)) {
    throw new DomainError(
      ErrorCode.WRONG_ROLE,
      403,
      `This action is only for: ${allowed.join(', ')}`,
    );
  }
}
