import { EventOutbox } from '#platform';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Lead } from '../lead.entity.js';
import { priceLead } from '../lead-pricing.js';
import { OFFERS_CONFIG, type OffersConfig } from '../offers.config.js';
import { OfferJobCommand } from './offer-job.command.js';

/** The lead's price is fixed now, the same for every vendor, and never shown to the customer. */
@CommandHandler(OfferJobCommand)
export class OfferJobHandler implements ICommandHandler<OfferJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    @Inject(OFFERS_CONFIG) private readonly config: OffersConfig,
  ) {}

  async execute({ job, vendorIds, now }: OfferJobCommand): Promise<Lead[]> {
    const price = priceLead(job, this.config.pricing);
    return this.em.transactional(
      async (em) =>
        vendorIds.map((vendorId) => {
          const lead = Lead.offer(
            {
              jobId: job.id,
              vendorId,
              pricePence: price.pricePence,
              qualityScore: price.qualityScore,
            },
            now,
            this.config.leadOfferTtlMs,
          );
          em.persist(lead);
          this.outbox.record(
            em,
            {
              type: 'LEAD_OFFERED',
              actor: { id: job.customerId, role: 'system' },
              subjectId: lead.id,
              jobId: job.id,
              payload: {
                lead_id: lead.id,
                vendor_id: vendorId,
                expires_at: lead.expiresAt.toISOString(),
                title: job.title,
              },
            },
            now,
          );
          return lead;
        }),
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
