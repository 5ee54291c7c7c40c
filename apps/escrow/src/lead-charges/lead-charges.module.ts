import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { ChargeLeadHandler } from './charge-lead/charge-lead.handler.js';
import { JobCancellationConsumer } from './job-cancellation.consumer.js';
import { LeadChargeRepository } from './lead-charge.repository.js';
import { LeadChargesController } from './lead-charges.controller.js';
import { RefundCancelledJobHandler } from './refund-cancelled-job/refund-cancelled-job.handler.js';
import { RefundLeadHandler } from './refund-lead/refund-lead.handler.js';

@Module({
  imports: [LedgerModule],
  controllers: [LeadChargesController],
  providers: [
    ChargeLeadHandler,
    RefundLeadHandler,
    RefundCancelledJobHandler,
    LeadChargeRepository,
    JobCancellationConsumer,
  ],
})
export class LeadChargesModule {}
