import { type JobCancelledPayload } from '#contracts';
import { EventConsumers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LeadChargesService } from './lead-charges.service.js';

/**
 * A cancelled job's paid leads are refunded under the job_cancelled policy. Runs in the
 * consumer's inbox transaction, so each cancellation refunds exactly once, even when the event
 * is delivered again or escrow was down when the job was cancelled.
 */
@Injectable()
export class JobCancellationConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly leadCharges: LeadChargesService,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      durableName: 'escrow-job-cancellations',
      filterSubject: 'events.jobs-leads.JOB_CANCELLED',
      handle: async (envelope, em) => {
        const payload = envelope.payload as unknown as JobCancelledPayload;
        for (const leadId of payload.accepted_lead_ids) {
          await this.leadCharges.refundWithin(
            em,
            { id: envelope.actor.id, role: 'system' },
            { lead_id: leadId, reason: 'job_cancelled' },
          );
        }
      },
    });
  }
}
