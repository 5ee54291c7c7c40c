import type { UserPrincipal, VendorLeadView } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A vendor reads their own lead, masked until accepted. */
export class GetLeadQuery extends Query<VendorLeadView> {
  constructor(
    readonly vendor: UserPrincipal<'vendor'>,
    readonly leadId: string,
  ) {
    super();
  }
}
