import { penceToPounds, poundsToPence, type DepositReply } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { retryOnConflict } from '../../ledger/ledger.repository.js';
import { walletKindOf } from '../../wallets/wallet.js';
import { PAYMENT_PROVIDER, type PaymentProvider } from '../payment-provider.port.js';
import { assertSameDeposit, depositKey, type Payment } from '../payment.js';
import { PaymentRepository } from '../payment.repository.js';
import { DepositCommand } from './deposit.command.js';

/**
 * Opens a deposit with the payment provider. No money moves here: only the provider's signed
 * webhook credits the wallet. The same idempotency key answers the same payment.
 */
@CommandHandler(DepositCommand)
export class DepositHandler implements ICommandHandler<DepositCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly payments: PaymentRepository,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  async execute({ owner, request }: DepositCommand): Promise<DepositReply> {
    const walletKind = walletKindOf(owner);
    const amountPence = poundsToPence(request.amount);
    const key = depositKey(owner, request.idempotency_key ?? randomUUID());
    const payment = await retryOnConflict(() =>
      this.em.transactional(async (em) => {
        const existing = await this.payments.findByIdempotencyKey(em, key);
        if (existing) {
          assertSameDeposit(existing, amountPence, walletKind);
          return existing;
        }
        const opened: Payment = {
          id: uuidv7(),
          ownerId: owner.userId,
          walletKind,
          amountPence,
          provider: this.provider.name,
          providerPaymentId: null,
          status: 'pending',
          idempotencyKey: key,
        };
        await this.payments.insert(em, opened);
        return opened;
      }),
    );
    // Outside the transaction: a slow provider must not hold database locks. The provider's own
    // idempotency key (our payment id) makes a retry after a crash here safe.
    const intent =
      payment.status === 'pending'
        ? await this.provider.createDeposit({
            paymentId: payment.id,
            walletOwnerId: payment.ownerId,
            amountPence: payment.amountPence,
            currency: 'GBP',
            idempotencyKey: payment.id,
          })
        : null;
    if (intent) {
      await this.payments.setProviderPaymentId(this.em, payment.id, intent.providerPaymentId);
    }
    return {
      payment_id: payment.id,
      status: payment.status,
      amount: penceToPounds(payment.amountPence),
      currency: 'GBP',
      provider: payment.provider,
      client_secret: intent?.clientSecret ?? null,
    };
  }
}
