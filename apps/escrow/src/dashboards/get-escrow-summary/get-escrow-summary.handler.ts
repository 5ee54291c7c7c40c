import { penceToPounds, type EscrowSummaryView } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Ledger } from '../../ledger/ledger.repository.js';
import { walletOf } from '../../wallets/wallet.js';
import { DashboardSummaryRepository } from '../dashboard-summary.repository.js';
import { calendarMonthOf } from '../earnings-month.js';
import { GetEscrowSummaryQuery } from './get-escrow-summary.query.js';

@QueryHandler(GetEscrowSummaryQuery)
export class GetEscrowSummaryHandler implements IQueryHandler<GetEscrowSummaryQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: Ledger,
    private readonly summaries: DashboardSummaryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ viewer }: GetEscrowSummaryQuery): Promise<EscrowSummaryView> {
    const walletBalance = penceToPounds(await this.ledger.balance(this.em, walletOf(viewer)));
    if (viewer.role === 'customer') {
      return {
        role: 'customer',
        wallet_balance: walletBalance,
        milestones_awaiting_approval: await this.summaries.awaitingApproval(viewer.userId),
      };
    }
    return {
      role: 'vendor',
      wallet_balance: walletBalance,
      milestones_to_submit: await this.summaries.toSubmit(viewer.userId),
      earnings_this_month: await this.summaries.earnings(
        viewer.userId,
        calendarMonthOf(this.clock.now()),
      ),
    };
  }
}
