import { Module } from '@nestjs/common';
import { OffersModule } from '../offers/offers.module.js';
import { CancelJobHandler } from './cancel-job/cancel-job.handler.js';
import { CreateJobHandler } from './create-job/create-job.handler.js';
import { ExpireJobsHandler } from './expire-jobs/expire-jobs.handler.js';
import { ExpiryPoller } from './expiry.poller.js';
import { GetJobHandler } from './get-job/get-job.handler.js';
import { JobRepository } from './job.repository.js';
import { ApplyDisputeHandler } from './apply-dispute/apply-dispute.handler.js';
import { CompleteJobHandler } from './complete-job/complete-job.handler.js';
import { EscrowDisputesConsumer } from './escrow-disputes.consumer.js';
import { EscrowReleasesConsumer } from './escrow-releases.consumer.js';
import { JOBS_CONFIG, loadJobsConfig } from './jobs.config.js';
import { JobsController } from './jobs.controller.js';
import { ListJobsHandler } from './list-jobs/list-jobs.handler.js';
import { PublishJobHandler } from './publish-job/publish-job.handler.js';
import { UpdateJobHandler } from './update-job/update-job.handler.js';

@Module({
  imports: [OffersModule],
  controllers: [JobsController],
  providers: [
    JobRepository,
    { provide: JOBS_CONFIG, useFactory: loadJobsConfig },
    CreateJobHandler,
    GetJobHandler,
    ListJobsHandler,
    UpdateJobHandler,
    PublishJobHandler,
    CancelJobHandler,
    ExpireJobsHandler,
    ExpiryPoller,
    CompleteJobHandler,
    EscrowReleasesConsumer,
    ApplyDisputeHandler,
    EscrowDisputesConsumer,
  ],
  exports: [JobRepository],
})
export class JobsModule {}
