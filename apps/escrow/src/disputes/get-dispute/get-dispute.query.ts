import type { DisputeView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A dispute as one of its two parties reads it. */
export class GetDisputeQuery extends Query<DisputeView> {
  constructor(
    readonly viewer: UserPrincipal<'customer' | 'vendor'>,
    readonly disputeId: string,
  ) {
    super();
  }
}
