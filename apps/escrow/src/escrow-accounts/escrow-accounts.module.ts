import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { ActivateEscrowHandler } from './activate-escrow/activate-escrow.handler.js';
import { EscrowAccountRepository } from './escrow-account.repository.js';
import { EscrowAccountsController } from './escrow-accounts.controller.js';
import { FundEscrowHandler } from './fund-escrow/fund-escrow.handler.js';
import { GetEscrowAccountHandler } from './get-escrow-account/get-escrow-account.handler.js';
import { GetJobEscrowSummaryHandler } from './get-job-escrow-summary/get-job-escrow-summary.handler.js';
import { JobAwardsConsumer } from './job-awards.consumer.js';
import { RefundEscrowHandler } from './refund-escrow/refund-escrow.handler.js';

/** Each awarded job's escrow: funded by the award saga, read by the job's two parties. */
@Module({
  imports: [LedgerModule],
  controllers: [EscrowAccountsController],
  providers: [
    EscrowAccountRepository,
    FundEscrowHandler,
    RefundEscrowHandler,
    GetEscrowAccountHandler,
    GetJobEscrowSummaryHandler,
    ActivateEscrowHandler,
    JobAwardsConsumer,
  ],
  exports: [EscrowAccountRepository],
})
export class EscrowAccountsModule {}
