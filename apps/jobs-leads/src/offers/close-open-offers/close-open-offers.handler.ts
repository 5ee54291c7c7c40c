import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LeadRepository } from '../lead.repository.js';
import { CloseOpenOffersCommand, type ClosedOffers } from './close-open-offers.command.js';

/**
 * Locks every lead of the job first: an acceptance in flight either commits before (and its
 * lead counts as accepted) or finds its offer closed.
 */
@CommandHandler(CloseOpenOffersCommand)
export class CloseOpenOffersHandler implements ICommandHandler<CloseOpenOffersCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly leads: LeadRepository,
  ) {}

  execute({ jobId }: CloseOpenOffersCommand): Promise<ClosedOffers> {
    return this.em.transactional(
      async () => {
        const leads = await this.leads.ofJobForUpdate(jobId);
        return {
          closedLeadIds: leads
            .filter((lead) => lead.isOnOffer())
            .map((lead) => lead.close().leadId),
          acceptedLeadIds: leads.filter((lead) => lead.isAccepted()).map((lead) => lead.id),
        };
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
