import type { EscrowSummaryView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** escrow's part of a customer's or a vendor's dashboard. */
export class GetEscrowSummaryQuery extends Query<EscrowSummaryView> {
  constructor(readonly viewer: UserPrincipal<'customer' | 'vendor'>) {
    super();
  }
}
