import type { UserRole } from '#contracts';
import { SetMetadata } from '@nestjs/common';

export const ROLES = 'tradematch:roles';

/** Only these roles may call the route; anyone else gets 403 WRONG_ROLE. */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES, roles);
