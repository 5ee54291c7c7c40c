import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { ApproveMilestoneHandler } from './approve-milestone/approve-milestone.handler.js';
import { AutoReleasePoller } from './auto-release.poller.js';
import { MilestoneRepository } from './milestone.repository.js';
import { MILESTONES_CONFIG, loadMilestonesConfig } from './milestones.config.js';
import { MilestonesController } from './milestones.controller.js';
import { ReleaseMilestoneHandler } from './release-milestone/release-milestone.handler.js';
import { RequestMilestoneChangesHandler } from './request-milestone-changes/request-milestone-changes.handler.js';
import { SubmitMilestoneHandler } from './submit-milestone/submit-milestone.handler.js';

/** The stages of an awarded job's escrow: submitted by the vendor, released to them. */
@Module({
  imports: [LedgerModule],
  controllers: [MilestonesController],
  providers: [
    { provide: MILESTONES_CONFIG, useFactory: loadMilestonesConfig },
    MilestoneRepository,
    SubmitMilestoneHandler,
    ApproveMilestoneHandler,
    RequestMilestoneChangesHandler,
    ReleaseMilestoneHandler,
    AutoReleasePoller,
  ],
  exports: [MILESTONES_CONFIG],
})
export class MilestonesModule {}
