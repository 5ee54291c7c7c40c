import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { DashboardSummaryRepository } from './dashboard-summary.repository.js';
import { DashboardsController } from './dashboards.controller.js';
import { GetEscrowSummaryHandler } from './get-escrow-summary/get-escrow-summary.handler.js';

/** escrow's part of the dashboards: wallet, milestones awaiting action, this month's earnings. */
@Module({
  imports: [LedgerModule],
  controllers: [DashboardsController],
  providers: [DashboardSummaryRepository, GetEscrowSummaryHandler],
})
export class DashboardsModule {}
