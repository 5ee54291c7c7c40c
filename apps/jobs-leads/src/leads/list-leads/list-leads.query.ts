import type { PageRequest, UserPrincipal, VendorLeadListView } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A vendor's own leads, newest first, masked until accepted. */
export class ListLeadsQuery extends Query<VendorLeadListView> {
  constructor(
    readonly vendor: UserPrincipal<'vendor'>,
    readonly page: PageRequest,
  ) {
    super();
  }
}
