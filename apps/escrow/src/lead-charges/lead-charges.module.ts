import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { JobCancellationConsumer } from './job-cancellation.consumer.js';
import { LeadChargeRepository } from './lead-charge.repository.js';
import { LeadChargesController } from './lead-charges.controller.js';
import { LeadChargesService } from './lead-charges.service.js';

@Module({
  imports: [LedgerModule],
  controllers: [LeadChargesController],
  providers: [LeadChargesService, LeadChargeRepository, JobCancellationConsumer],
})
export class LeadChargesModule {}
