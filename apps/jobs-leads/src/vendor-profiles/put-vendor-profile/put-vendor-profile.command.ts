import type { PutVendorProfileRequest, UserPrincipal, VendorProfileView } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A vendor creates or replaces their own profile. */
export class PutVendorProfileCommand extends Command<VendorProfileView> {
  constructor(
    readonly vendor: UserPrincipal<'vendor'>,
    readonly request: PutVendorProfileRequest,
  ) {
    super();
  }
}
