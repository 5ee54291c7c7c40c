import { DomainError, EscrowErrors, type ServicePrincipal } from '#contracts';
import { PLATFORM_REVENUE, type Transfer } from '../ledger/transfer.js';
import type { EscrowAccount } from './escrow-account.entity.js';

/** The customer's wallet, which funds their jobs' escrow and gets refunds back. */
function customerWallet(customerId: string) {
  return { kind: 'customer_wallet' as const, ownerId: customerId };
}

/** The milestones must add up to what is funded, to the penny. */
export function assertMilestonesCoverTotal(totalPence: number, milestonePence: number[]): void {
  const sum = milestonePence.reduce((total, pence) => total + pence, 0);
  if (sum !== totalPence) {
    throw DomainError.validation('The milestones must add up to the amount', {
      fields: [{ field: 'milestones', errors: ['milestone amounts must sum to amount'] }],
    });
  }
}

/** Acting for a signed-in user, the service may fund only from that customer's wallet. */
export function assertMayFundFor(caller: ServicePrincipal, customerId: string): void {
  const user = caller.on_behalf_of;
  if (user && (user.role !== 'customer' || user.userId !== customerId)) {
    throw new DomainError(
      EscrowErrors.NOT_YOUR_WALLET,
      403,
      'A customer can only fund from their own wallet',
    );
  }
}

/** Keyed by the escrow's funding key: one funding per key, whatever retries. */
export function fundingTransfer(account: EscrowAccount): Transfer {
  return {
    kind: 'escrow_funding',
    idempotencyKey: `escrow_funding:${account.jobId}:${account.fundKey}`,
    legs: [
      { account: customerWallet(account.customerId), amountPence: -account.fundedPence },
      { account: account.ledgerAccount, amountPence: account.fundedPence },
    ],
    reference: { escrow_account_id: account.id, job_id: account.jobId },
  };
}

/** Held money back to the customer; one full refund per escrow account. */
export function escrowRefundTransfer(
  account: EscrowAccount,
  pence: number,
  reason: string,
): Transfer {
  return {
    kind: 'escrow_refund',
    idempotencyKey: `escrow_refund:${account.id}`,
    legs: [
      { account: account.ledgerAccount, amountPence: -pence },
      { account: customerWallet(account.customerId), amountPence: pence },
    ],
    reference: { escrow_account_id: account.id, job_id: account.jobId, reason },
  };
}

export function insufficientEscrowBalance(details: Record<string, unknown>): DomainError {
  return new DomainError(
    EscrowErrors.ESCROW_INSUFFICIENT_BALANCE,
    402,
    'Not enough money in the wallet to fund the escrow',
    details,
  );
}

/**
 * A milestone's release: its amount from escrow to the vendor's wallet, and the commission from
 * the vendor's wallet to the platform, in one transaction, so the vendor's statement shows both.
 */
export function releaseTransfer(
  account: EscrowAccount,
  milestone: { id: string; amountPence: number },
  commissionPence: number,
): Transfer {
  const vendorWallet = { kind: 'vendor_wallet' as const, ownerId: account.vendorId };
  const commission =
    commissionPence > 0
      ? [
          { account: vendorWallet, amountPence: -commissionPence, memo: 'commission' },
          { account: PLATFORM_REVENUE, amountPence: commissionPence },
        ]
      : [];
  return {
    kind: 'milestone_release',
    idempotencyKey: `milestone_release:${milestone.id}`,
    legs: [
      { account: account.ledgerAccount, amountPence: -milestone.amountPence },
      { account: vendorWallet, amountPence: milestone.amountPence },
      ...commission,
    ],
    reference: {
      escrow_account_id: account.id,
      job_id: account.jobId,
      milestone_id: milestone.id,
      commission_pence: String(commissionPence),
    },
  };
}
