import {
  penceToPounds,
  poundsToPence,
  type DepositReply,
  type DepositRequest,
  type PaymentWebhookCommand,
  type Principal,
  type WalletCreditedPayload,
  type WebhookReply,
} from '#contracts';
import { EventOutbox, ROOT_LOGGER } from '#platform';
import { CreateRequestContext } from '@mikro-orm/decorators/legacy';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { idempotencyKeyReused, Ledger } from '../ledger/ledger.js';
import { retryOnConflict } from '../ledger/retry-on-conflict.js';
import { accountKey, type AccountRef } from '../ledger/transfer.js';
import { walletOf } from '../wallets/wallets.service.js';
import {
  PAYMENT_PROVIDER,
  type PaymentProvider,
  type ProviderEvent,
} from './payment-provider.port.js';
import { PaymentRepository, type Payment } from './payment.repository.js';

const PROVIDER_CLEARING: AccountRef = { kind: 'provider_clearing', ownerId: null };

/**
 * Wallet top-ups: a deposit is opened with the payment provider, and only the provider's signed
 * webhook credits the wallet, once per payment however often the webhook arrives.
 */
@Injectable()
export class DepositsService {
  private readonly logger: Logger;

  constructor(
    readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly ledger: Ledger,
    private readonly payments: PaymentRepository,
    private readonly outbox: EventOutbox,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.logger = rootLogger.child({ context: 'DepositsService' });
  }

  @CreateRequestContext()
  async deposit(principal: Principal, request: DepositRequest): Promise<DepositReply> {
    const wallet = walletOf(principal);
    const amountPence = poundsToPence(request.amount);
    // Scoped to the owner, so one person's key never collides with another's.
    const key = `deposit:${principal.userId}:${request.idempotency_key ?? randomUUID()}`;
    const payment = await retryOnConflict(() =>
      this.em.fork().transactional(async (em) => {
        const existing = await this.payments.findByIdempotencyKey(em, key);
        if (existing) {
          if (existing.amountPence !== amountPence || existing.walletKind !== wallet.kind)
            throw idempotencyKeyReused();
          return existing;
        }
        const opened: Payment = {
          id: uuidv7(),
          ownerId: principal.userId,
          walletKind: wallet.kind as Payment['walletKind'],
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
    if (intent)
      await this.payments.setProviderPaymentId(
        this.em.fork(),
        payment.id,
        intent.providerPaymentId,
      );
    return {
      payment_id: payment.id,
      status: payment.status,
      amount: penceToPounds(payment.amountPence),
      currency: 'GBP',
      provider: payment.provider,
      client_secret: intent?.clientSecret ?? null,
    };
  }

  /**
   * Applies a provider webhook. Signature and timestamp are checked before anything is read.
   * Redeliveries of an event change nothing; events may arrive in any order: a failure reported
   * after a success does not undo the credit, and a success after a failure still credits.
   */
  @CreateRequestContext()
  async handleWebhook(command: PaymentWebhookCommand): Promise<WebhookReply> {
    const event = this.provider.parseWebhook(
      Buffer.from(command.raw_body_base64, 'base64'),
      command.headers ?? {},
    );
    if (!event) return { received: true };
    await retryOnConflict(() =>
      this.em.fork().transactional(async (em) => {
        const firstTime = await this.payments.recordProviderEvent(em, event);
        if (firstTime) await this.apply(em, event);
      }),
    );
    return { received: true };
  }

  private async apply(em: EntityManager, event: ProviderEvent): Promise<void> {
    const payment = await this.payments.findForUpdate(em, event.paymentId);
    if (
      !payment ||
      payment.amountPence !== event.amountPence ||
      event.currency.toUpperCase() !== 'GBP'
    ) {
      // Acknowledged (the provider would retry forever) but not applied, and loudly reported.
      this.logger.error(
        { provider_event: event.eventId, payment_id: event.paymentId },
        'webhook does not match a deposit',
      );
      return;
    }
    if (event.type === 'payment.failed') {
      if (payment.status === 'pending') await this.payments.settle(em, payment.id, 'failed', null);
      return;
    }
    if (payment.status === 'succeeded') return;
    const wallet: AccountRef = { kind: payment.walletKind, ownerId: payment.ownerId };
    const posted = await this.ledger.post(em, {
      kind: 'deposit',
      idempotencyKey: `deposit:${payment.id}`,
      legs: [
        { account: PROVIDER_CLEARING, amountPence: -payment.amountPence },
        { account: wallet, amountPence: payment.amountPence },
      ],
      reference: { payment_id: payment.id, provider_event: event.eventId },
    });
    await this.payments.settle(em, payment.id, 'succeeded', posted.transactionId);
    this.outbox.record<WalletCreditedPayload>(em, {
      type: 'WALLET_CREDITED',
      actor: {
        id: payment.ownerId,
        role: payment.walletKind === 'customer_wallet' ? 'customer' : 'vendor',
      },
      subject: { type: 'payment', id: payment.id },
      jobId: null,
      payload: {
        owner_id: payment.ownerId,
        payment_id: payment.id,
        transaction_id: posted.transactionId,
        amount: penceToPounds(payment.amountPence),
        balance: penceToPounds(posted.balances.get(accountKey(wallet))!),
      },
    });
  }
}
