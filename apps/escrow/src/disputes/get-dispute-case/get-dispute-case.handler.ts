import type { DisputeCaseView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EscrowAccountRepository } from '../../escrow-accounts/escrow-account.repository.js';
import { toEscrowAccountView } from '../../escrow-accounts/escrow-account.view.js';
import { DisputeRepository } from '../dispute.repository.js';
import { toDisputeView } from '../dispute.view.js';
import { GetDisputeCaseQuery } from './get-dispute-case.query.js';

/** Admins see every dispute, with every milestone of its escrow, released ones too. */
@QueryHandler(GetDisputeCaseQuery)
export class GetDisputeCaseHandler implements IQueryHandler<GetDisputeCaseQuery> {
  constructor(
    private readonly disputes: DisputeRepository,
    private readonly accounts: EscrowAccountRepository,
  ) {}

  async execute({ disputeId }: GetDisputeCaseQuery): Promise<DisputeCaseView> {
    const dispute = await this.disputes.get(disputeId);
    const record = await this.disputes.record(dispute);
    const account = await this.disputes.account(dispute);
    return {
      dispute: toDisputeView(record),
      escrow: toEscrowAccountView(account, await this.accounts.milestonesOf(account)),
      quote_id: account.quoteId,
    };
  }
}
