import { penceToPounds, type WebhookReply } from '#contracts';
import { CLOCK, EventOutbox, ROOT_LOGGER, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { Ledger, retryOnConflict } from '../../ledger/ledger.repository.js';
import { accountKey } from '../../ledger/transfer.js';
import { SettlePayoutCommand } from '../../payouts/settle-payout/settle-payout.command.js';
import {
  isPayoutEvent,
  PAYMENT_PROVIDER,
  type PaymentEvent,
  type PaymentProvider,
} from '../payment-provider.port.js';
import { depositTransfer, settlementOf } from '../payment.js';
import { PaymentRepository } from '../payment.repository.js';
import { HandlePaymentWebhookCommand } from './handle-payment-webhook.command.js';

/**
 * Applies a provider webhook. Signature and timestamp are checked before anything is read.
 * Redeliveries of an event change nothing; events may arrive in any order: a failure reported
 * after a success does not undo the credit, and a success after a failure still credits.
 * Events about payouts are recorded here too, and settled by SettlePayoutHandler in the same
 * transaction.
 */
@CommandHandler(HandlePaymentWebhookCommand)
export class HandlePaymentWebhookHandler implements ICommandHandler<HandlePaymentWebhookCommand> {
  private readonly logger: Logger;

  constructor(
    private readonly em: EntityManager,
    private readonly ledger: Ledger,
    private readonly payments: PaymentRepository,
    private readonly outbox: EventOutbox,
    private readonly commands: CommandBus,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.logger = rootLogger.child({ context: 'HandlePaymentWebhookHandler' });
  }

  async execute({ webhook }: HandlePaymentWebhookCommand): Promise<WebhookReply> {
    const event = this.provider.parseWebhook(
      Buffer.from(webhook.raw_body_base64, 'base64'),
      webhook.headers,
      this.clock.now(),
    );
    if (!event) return { received: true };
    await retryOnConflict(() =>
      this.em.transactional(async (em) => {
        const firstTime = await this.payments.recordProviderEvent(em, event);
        if (!firstTime) return;
        if (isPayoutEvent(event)) await this.commands.execute(new SettlePayoutCommand(event));
        else await this.apply(em, event);
      }),
    );
    return { received: true };
  }

  private async apply(em: EntityManager, event: PaymentEvent): Promise<void> {
    const payment = await this.payments.findForUpdate(em, event.paymentId);
    const settlement = settlementOf(payment, event);
    if (settlement === 'unmatched' || !payment) {
      // Acknowledged (the provider would retry forever) but not applied, and loudly reported.
      this.logger.error(
        { provider_event: event.eventId, payment_id: event.paymentId },
        'webhook does not match a deposit',
      );
      return;
    }
    if (settlement === 'fail') await this.payments.settle(em, payment.id, 'failed', null);
    if (settlement !== 'credit') return;
    const posted = await this.ledger.post(em, depositTransfer(payment, event.eventId));
    await this.payments.settle(em, payment.id, 'succeeded', posted.transactionId);
    this.outbox.record(em, {
      type: 'WALLET_CREDITED',
      actor: {
        id: payment.ownerId,
        role: payment.walletKind === 'customer_wallet' ? 'customer' : 'vendor',
      },
      subjectId: payment.id,
      jobId: null,
      payload: {
        owner_id: payment.ownerId,
        payment_id: payment.id,
        transaction_id: posted.transactionId,
        amount: penceToPounds(payment.amountPence),
        balance: penceToPounds(
          posted.balances.get(accountKey({ kind: payment.walletKind, ownerId: payment.ownerId }))!,
        ),
      },
    });
  }
}
