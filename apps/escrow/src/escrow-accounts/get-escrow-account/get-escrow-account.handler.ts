import type { EscrowAccountView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toEscrowAccountView } from '../escrow-account.view.js';
import { EscrowAccountRepository } from '../escrow-account.repository.js';
import { GetEscrowAccountQuery } from './get-escrow-account.query.js';

/** Only the job's customer and the awarded vendor see it; to anyone else it does not exist. */
@QueryHandler(GetEscrowAccountQuery)
export class GetEscrowAccountHandler implements IQueryHandler<GetEscrowAccountQuery> {
  constructor(private readonly accounts: EscrowAccountRepository) {}

  async execute({ viewer, which }: GetEscrowAccountQuery): Promise<EscrowAccountView> {
    const account = await this.accounts.findVisible(viewer.userId, which);
    return toEscrowAccountView(account, await this.accounts.milestonesOf(account));
  }
}
