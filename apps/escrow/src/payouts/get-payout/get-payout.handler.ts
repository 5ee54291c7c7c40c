import { DomainError, EscrowErrors, type PayoutView } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { validate as isUuid } from 'uuid';
import { PayoutRepository } from '../payout.repository.js';
import { toPayoutView } from '../payout.view.js';
import { GetPayoutQuery } from './get-payout.query.js';

/** Someone else's payout, or a malformed id, answers exactly like one that does not exist. */
@QueryHandler(GetPayoutQuery)
export class GetPayoutHandler implements IQueryHandler<GetPayoutQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly payouts: PayoutRepository,
  ) {}

  async execute({ owner, payoutId }: GetPayoutQuery): Promise<PayoutView> {
    const payout = isUuid(payoutId) ? await this.payouts.find(this.em, payoutId) : null;
    if (!payout?.isOwnedBy(owner)) {
      throw new DomainError(EscrowErrors.PAYOUT_NOT_FOUND, 404, 'Payout not found', {
        payout_id: payoutId,
      });
    }
    return toPayoutView(payout);
  }
}
