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
import { WithdrawQuoteCommand } from './withdraw-quote.command.js';

@CommandHandler(WithdrawQuoteCommand)
export class WithdrawQuoteHandler implements ICommandHandler<WithdrawQuoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly leads: LeadRepository,
    private readonly quotes: QuoteRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ vendor, quoteId }: WithdrawQuoteCommand): Promise<QuoteChangeReply> {
    return this.em.transactional(async (em) => {
      const found = await this.quotes.get(quoteId);
      if (found.vendorId !== vendor.userId) throw quoteNotFound(quoteId);
      const job = (await this.jobs.find(found.jobId, { lock: true }))!;
      const quote = await this.quotes.get(quoteId, { lock: true });
      assertLive(job.status);
      const now = this.clock.now();
      quote.withdraw(now);
      const lead = await this.leads.getForUpdate(quote.leadId);
      lead.reopen();
      const event = this.outbox.record(
        em,
        {
          type: 'QUOTE_WITHDRAWN',
          actor: { id: vendor.userId, role: vendor.role },
          subjectId: quote.id,
          jobId: quote.jobId,
          payload: quoteClosedPayload(
            quote,
            { customerId: job.customerId, conversationId: lead.conversationId! },
            null,
          ),
        },
        now,
      );
      return { quote_id: quote.id, status: quote.status, event_id: event.event_id };
    });
  }
}
