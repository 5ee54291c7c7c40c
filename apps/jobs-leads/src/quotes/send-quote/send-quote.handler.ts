import {
  DomainError,
  JobsErrors,
  penceToPounds,
  poundsToPence,
  type SendQuoteReply,
} from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertLive } from '../../jobs/job-lifecycle.js';
import { JobRepository } from '../../jobs/job.repository.js';
import { LeadRepository } from '../../offers/lead.repository.js';
import { Quote } from '../quote.entity.js';
import { quoteSentPayload } from '../quote-events.js';
import { quoteMilestones } from '../quote-milestones.js';
import { toMilestoneViews } from '../quote.view.js';
import { SendQuoteCommand } from './send-quote.command.js';

/**
 * Only on a live job whose lead the vendor accepted (403 LEAD_NOT_ACCEPTED), one pending quote
 * at a time (409 QUOTE_ALREADY_PENDING). A job the vendor was never offered does not exist for
 * them (404).
 */
@CommandHandler(SendQuoteCommand)
export class SendQuoteHandler implements ICommandHandler<SendQuoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly leads: LeadRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ vendor, request }: SendQuoteCommand): Promise<SendQuoteReply> {
    const amountPence = poundsToPence(request.amount);
    const milestones = quoteMilestones(amountPence, request.milestones);
    return this.em.transactional(async (em) => {
      const job = await this.jobs.find(request.job_id, { lock: true });
      const lead = job && (await this.leads.findOfVendorOnJob(vendor.userId, job.id));
      if (!job || !lead) {
        throw new DomainError(JobsErrors.JOB_NOT_FOUND, 404, 'Job not found', {
          job_id: request.job_id,
        });
      }
      assertLive(job.status);
      lead.sendQuote();
      const now = this.clock.now();
      const quote = Quote.send(
        lead,
        {
          amountPence,
          description: request.description,
          estimatedDuration: request.estimated_duration,
          milestones,
        },
        now,
      );
      em.persist(quote);
      const event = this.outbox.record(
        em,
        {
          type: 'QUOTE_SENT',
          actor: { id: vendor.userId, role: vendor.role },
          subjectId: quote.id,
          jobId: job.id,
          payload: quoteSentPayload(quote, {
            customerId: job.customerId,
            conversationId: lead.conversationId!,
          }),
        },
        now,
      );
      return {
        quote_id: quote.id,
        job_id: job.id,
        status: 'pending',
        amount: penceToPounds(amountPence),
        milestones: toMilestoneViews(milestones),
        event_id: event.event_id,
      };
    });
  }
}
