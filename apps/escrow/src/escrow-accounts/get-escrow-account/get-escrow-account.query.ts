import type { EscrowAccountView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A job's escrow, by its id or its job's, as its customer or awarded vendor reads it. */
export class GetEscrowAccountQuery extends Query<EscrowAccountView> {
  constructor(
    readonly viewer: UserPrincipal<'customer' | 'vendor'>,
    readonly which: { id: string } | { jobId: string },
  ) {
    super();
  }
}
