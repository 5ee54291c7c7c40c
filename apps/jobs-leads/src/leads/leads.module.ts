import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { AcceptLeadHandler } from './accept-lead/accept-lead.handler.js';
import { DeclineLeadHandler } from './decline-lead/decline-lead.handler.js';
import { GetLeadHandler } from './get-lead/get-lead.handler.js';
import { AcceptLeadSaga } from './accept-lead/accept-lead.saga.js';
import { LeadsController } from './leads.controller.js';
import { ListLeadsHandler } from './list-leads/list-leads.handler.js';

/** The vendor's side of leads: reading their offers, and accepting or declining them. */
@Module({
  imports: [OffersModule, JobsModule],
  controllers: [LeadsController],
  providers: [
    AcceptLeadSaga,
    ListLeadsHandler,
    GetLeadHandler,
    AcceptLeadHandler,
    DeclineLeadHandler,
  ],
})
export class LeadsModule {}
