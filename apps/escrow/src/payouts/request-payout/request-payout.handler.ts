import { penceToPounds, poundsToPence, type PayoutView } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { Ledger, retryOnConflict } from '../../ledger/ledger.repository.js';
import { accountKey } from '../../ledger/transfer.js';
import { PAYMENT_PROVIDER, type PaymentProvider } from '../../payments/payment-provider.port.js';
import { walletKindOf, walletOf, type WalletOwner } from '../../wallets/wallet.js';
import { Payout, payoutDebit, payoutKey } from '../payout.js';
import { PayoutRepository } from '../payout.repository.js';
import { toPayoutView } from '../payout.view.js';
import { PAYOUTS_CONFIG, type PayoutsConfig } from '../payouts.config.js';
import { SubmitPayoutCommand } from '../submit-payout/submit-payout.command.js';
import { RequestPayoutCommand } from './request-payout.command.js';

/**
 * Debits the wallet into provider clearing and records PAYOUT_REQUESTED, in one transaction
 * (402 INSUFFICIENT_FUNDS, and nothing written, when the wallet holds less); then asks the
 * provider to pay it. The same idempotency key answers the same payout and moves money once.
 */
@CommandHandler(RequestPayoutCommand)
export class RequestPayoutHandler implements ICommandHandler<RequestPayoutCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: Ledger,
    private readonly payouts: PayoutRepository,
    private readonly outbox: EventOutbox,
    private readonly commands: CommandBus,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(PAYOUTS_CONFIG) private readonly config: PayoutsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ owner, request }: RequestPayoutCommand): Promise<PayoutView> {
    const amountPence = poundsToPence(request.amount);
    const key = payoutKey(owner, request.idempotency_key ?? randomUUID());
    const { payout, opened } = await retryOnConflict(() =>
      this.em.transactional(async (em) => {
        const existing = await this.payouts.findByIdempotencyKey(em, key);
        if (existing) {
          existing.assertSameRequest(amountPence, walletKindOf(owner));
          return { payout: existing, opened: false };
        }
        return { payout: await this.open(em, owner, amountPence, key, request), opened: true };
      }),
    );
    // Outside the transaction, so that a slow provider holds no lock on the wallet. A replay
    // leaves a payout still waiting for the provider to the poller.
    const submitted = opened
      ? await this.commands.execute(new SubmitPayoutCommand(payout.id))
      : payout;
    return toPayoutView(submitted ?? payout);
  }

  private async open(
    em: EntityManager,
    owner: WalletOwner,
    amountPence: number,
    key: string,
    request: RequestPayoutCommand['request'],
  ): Promise<Payout> {
    const id = uuidv7();
    const debit = await this.ledger.post(em, payoutDebit(id, owner, amountPence));
    const now = this.clock.now();
    const payout = Payout.request({
      id,
      owner,
      amountPence,
      provider: this.provider.name,
      idempotencyKey: key,
      debitTransactionId: debit.transactionId,
      now,
      leaseMs: this.config.leaseMs,
    });
    await this.payouts.insert(em, payout);
    this.outbox.record(
      em,
      {
        type: 'PAYOUT_REQUESTED',
        actor: { id: owner.userId, role: owner.role },
        subjectId: id,
        jobId: null,
        idempotencyKey: request.idempotency_key ?? null,
        payload: {
          payout_id: id,
          owner_id: owner.userId,
          transaction_id: debit.transactionId,
          amount: penceToPounds(amountPence),
          balance: penceToPounds(debit.balances.get(accountKey(walletOf(owner)))!),
        },
      },
      now,
    );
    return payout;
  }
}
