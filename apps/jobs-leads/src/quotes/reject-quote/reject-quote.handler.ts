import type { QuoteChangeReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertLive } from '../../jobs/job-lifecycle.js';
import { JobRepository } from '../../jobs/job.repository.js';
import { LeadRepository } from '../../offers/lead.repository.js';
import { quoteClosedPayload } from '../quote-events.js';
import { QuoteRepository, quoteNotFound } from '../quote.repository.js';
import { RejectQuoteCommand } from './reject-quote.command.js';

/** Only a pending quote on the customer's own live job; another's is 404. */
@CommandHandler(RejectQuoteCommand)
export class RejectQuoteHandler implements ICommandHandler<RejectQuoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly leads: LeadRepository,
    private readonly quotes: QuoteRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ customer, request }: RejectQuoteCommand): Promise<QuoteChangeReply> {
    return this.em.transactional(async (em) => {
      const found = await this.quotes.get(request.quote_id);
      const job = (await this.jobs.find(found.jobId, { lock: true }))!;
      if (job.customerId !== customer.userId) throw quoteNotFound(request.quote_id);
      const quote = await this.quotes.get(found.id, { lock: true });
      assertLive(job.status);
      const now = this.clock.now();
      const reason = request.reason ?? null;
      quote.reject(reason, now);
      const lead = await this.leads.getForUpdate(quote.leadId);
      lead.reopen();
      const event = this.outbox.record(
        em,
        {
          type: 'QUOTE_REJECTED',
          actor: { id: customer.userId, role: customer.role },
          subjectId: quote.id,
          jobId: quote.jobId,
          payload: quoteClosedPayload(
            quote,
            { customerId: job.customerId, conversationId: lead.conversationId! },
            reason,
          ),
        },
        now,
      );
      return { quote_id: quote.id, status: quote.status, event_id: event.event_id };
    });
  }
}
