import { EscrowApi, penceToPounds, type LeadChargeReply, type UserPrincipal } from '#contracts';
import { BusClient, ROOT_LOGGER } from '#platform';
import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { AcceptanceAttempt } from '../offers/lead.entity.js';

const REFUND_ATTEMPTS = 5;

/** Escrow as lead acceptance uses it: this service charges and refunds for the vendor. */
@Injectable()
export class LeadPayments {
  private readonly logger: Logger;

  constructor(
    private readonly bus: BusClient,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.logger = rootLogger.child({ context: 'LeadPayments' });
  }

  /** Pays the lead's price from the vendor's wallet, once per attempt's key. */
  charge(vendor: UserPrincipal<'vendor'>, attempt: AcceptanceAttempt): Promise<LeadChargeReply> {
    return this.bus.send(
      EscrowApi.chargeLead,
      {
        lead_id: attempt.leadId,
        vendor_id: vendor.userId,
        amount: penceToPounds(attempt.pricePence),
        idempotency_key: attempt.chargeKey,
      },
      vendor,
    );
  }

  /**
   * Compensation for an acceptance that failed after its charge: refunds exactly that charge,
   * retried, and loudly reported if escrow cannot be reached at all.
   */
  async refundFailedAcceptance(
    vendor: UserPrincipal<'vendor'>,
    attempt: AcceptanceAttempt,
  ): Promise<void> {
    for (let round = 1; round <= REFUND_ATTEMPTS; round++) {
      try {
        await this.bus.send(
          EscrowApi.refundLead,
          { lead_id: attempt.leadId, charge_key: attempt.chargeKey, reason: 'acceptance_failed' },
          vendor,
        );
        return;
      } catch (error) {
        this.logger.error(
          { err: error, lead_id: attempt.leadId, charge_key: attempt.chargeKey, attempt: round },
          'refund of a failed lead acceptance failed',
        );
        await sleep(200 * round);
      }
    }
  }
}
