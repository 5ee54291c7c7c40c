import type { UserPrincipal, VendorProfileView } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A vendor reads their own profile. */
export class GetVendorProfileQuery extends Query<VendorProfileView> {
  constructor(readonly vendor: UserPrincipal<'vendor'>) {
    super();
  }
}
