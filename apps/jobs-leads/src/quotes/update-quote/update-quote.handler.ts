import { poundsToPence, type QuoteView } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertLive } from '../../jobs/job-lifecycle.js';
import { JobRepository } from '../../jobs/job.repository.js';
import { LeadRepository } from '../../offers/lead.repository.js';
import { VendorProfileRepository } from '../../vendor-profiles/vendor-profile.repository.js';
import { quoteSentPayload } from '../quote-events.js';
import { revisedMilestones } from '../quote-milestones.js';
import { QuoteRepository, quoteNotFound } from '../quote.repository.js';
import { toQuoteView } from '../quote.view.js';
import { UpdateQuoteCommand } from './update-quote.command.js';

/** A pending quote of the vendor's own, on a live job; QUOTE_UPDATED says what changed. */
@CommandHandler(UpdateQuoteCommand)
export class UpdateQuoteHandler implements ICommandHandler<UpdateQuoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly leads: LeadRepository,
    private readonly quotes: QuoteRepository,
    private readonly profiles: VendorProfileRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ vendor, request }: UpdateQuoteCommand): Promise<QuoteView> {
    return this.em.transactional(async (em) => {
      const found = await this.quotes.get(request.quote_id);
      if (found.vendorId !== vendor.userId) throw quoteNotFound(request.quote_id);
      const job = await this.jobs.find(found.jobId, { lock: true });
      const quote = await this.quotes.get(found.id, { lock: true });
      assertLive(job!.status);
      const amountPence =
        request.amount === undefined ? quote.amountPence : poundsToPence(request.amount);
      const milestones = revisedMilestones(quote.milestones, amountPence, request.milestones);
      const now = this.clock.now();
      const changed = quote.revise(
        {
          amountPence,
          description: request.description ?? quote.description,
          estimatedDuration: request.estimated_duration ?? quote.estimatedDuration,
          milestones,
        },
        now,
      );
      const lead = await this.leads.getForUpdate(quote.leadId);
      this.outbox.record(
        em,
        {
          type: 'QUOTE_UPDATED',
          actor: { id: vendor.userId, role: vendor.role },
          subjectId: quote.id,
          jobId: quote.jobId,
          payload: {
            ...quoteSentPayload(quote, {
              customerId: job!.customerId,
              conversationId: lead.conversationId!,
            }),
            changed_fields: changed.map(snakeCase),
          },
        },
        now,
      );
      const profiles = await this.profiles.byVendorIds([quote.vendorId]);
      return toQuoteView(quote, job!, profiles.get(quote.vendorId));
    });
  }
}

function snakeCase(field: string): string {
  return field.replace(/Pence$/, '').replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
