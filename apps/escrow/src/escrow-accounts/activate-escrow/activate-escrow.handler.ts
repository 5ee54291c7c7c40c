import { EntityManager, LockMode, TransactionPropagation } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EscrowAccount } from '../escrow-account.entity.js';
import { ActivateEscrowCommand } from './activate-escrow.command.js';

/**
 * Runs in the consumer's inbox transaction. JOB_IN_PROGRESS follows the funding that opened the
 * account (the award saga's steps are in order), so the account is always there.
 */
@CommandHandler(ActivateEscrowCommand)
export class ActivateEscrowHandler implements ICommandHandler<ActivateEscrowCommand> {
  constructor(private readonly em: EntityManager) {}

  execute({ event }: ActivateEscrowCommand): Promise<void> {
    return this.em.transactional(
      async (em) => {
        const account = await em.findOneOrFail(
          EscrowAccount,
          { id: event.payload.escrow_account_id },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        account.activate(new Date(event.occurred_at));
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
