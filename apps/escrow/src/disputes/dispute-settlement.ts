import {
  DomainError,
  EscrowErrors,
  penceToPounds,
  type DisputeOutcome,
  type ResolveDisputeRequest,
} from '#contracts';
import type { EscrowAccount } from '../escrow-accounts/escrow-account.entity.js';
import { commissionPence } from '../escrow-accounts/escrow-lifecycle.js';
import { PLATFORM_REVENUE, type Leg, type Transfer } from '../ledger/transfer.js';

/** How a dispute shares out what it froze, in pence. */
export interface Settlement {
  outcome: DisputeOutcome;
  /** To the vendor's wallet, before the commission comes off it. */
  vendorPence: number;
  /** Back to the customer's wallet. */
  customerPence: number;
  /** From the vendor's part to the platform, as for a milestone release. */
  commissionPence: number;
}

/** A frozen milestone's part of the settlement. */
export interface MilestoneShare {
  milestoneId: string;
  vendorPence: number;
  customerPence: number;
}

/** A party's proposal may give the vendor anything from nothing to everything disputed. */
export function assertProposable(vendorPence: number, disputedPence: number): void {
  if (vendorPence > disputedPence) throw outOfRange(vendorPence, disputedPence);
}

/**
 * The vendor's part an admin decides: all of it for a release, none for a refund, and for a
 * split an amount strictly between (a split of nothing or everything is a refund or a release).
 */
export function adminVendorPence(
  decision: Pick<ResolveDisputeRequest, 'outcome'> & { vendorPence?: number },
  disputedPence: number,
): number {
  if (decision.outcome === 'release') return disputedPence;
  if (decision.outcome === 'refund') return 0;
  const vendorPence = decision.vendorPence;
  if (vendorPence === undefined) {
    throw DomainError.validation('A split needs vendor_amount', {
      fields: [{ field: 'vendor_amount', errors: ['vendor_amount is required for a split'] }],
    });
  }
  if (vendorPence <= 0 || vendorPence >= disputedPence) {
    throw outOfRange(vendorPence, disputedPence);
  }
  return vendorPence;
}

/** The settlement that gives the vendor `vendorPence` of `disputedPence`. */
export function settlementOf(
  vendorPence: number,
  disputedPence: number,
  commissionPercent: number,
): Settlement {
  assertProposable(vendorPence, disputedPence);
  const outcome: DisputeOutcome =
    vendorPence === 0 ? 'refund' : vendorPence === disputedPence ? 'release' : 'split';
  return {
    outcome,
    vendorPence,
    customerPence: disputedPence - vendorPence,
    commissionPence: commissionPence(vendorPence, commissionPercent),
  };
}

/**
 * Shares the vendor's part out over the frozen milestones in their order: each is paid in full
 * while the part lasts, the one where it runs out is split, the rest go back to the customer.
 * So the earlier stages, which the work reaches first, are the ones paid.
 */
export function allocate(
  vendorPence: number,
  milestones: readonly { milestoneId: string; amountPence: number }[],
): MilestoneShare[] {
  let left = vendorPence;
  return milestones.map(({ milestoneId, amountPence }) => {
    const toVendor = Math.min(left, amountPence);
    left -= toVendor;
    return { milestoneId, vendorPence: toVendor, customerPence: amountPence - toVendor };
  });
}

/**
 * The settlement's one ledger transaction, keyed by the dispute so it moves money once: the
 * vendor's part from escrow to their wallet and its commission on to the platform (as a release
 * shows them), the rest from escrow back to the customer's wallet.
 */
export function resolutionTransfer(
  account: EscrowAccount,
  disputeId: string,
  settlement: Settlement,
): Transfer {
  const vendorWallet = { kind: 'vendor_wallet' as const, ownerId: account.vendorId };
  const customerWallet = { kind: 'customer_wallet' as const, ownerId: account.customerId };
  const legs: Leg[] = [];
  if (settlement.vendorPence > 0) {
    legs.push(
      { account: account.ledgerAccount, amountPence: -settlement.vendorPence },
      { account: vendorWallet, amountPence: settlement.vendorPence },
    );
  }
  if (settlement.commissionPence > 0) {
    legs.push(
      { account: vendorWallet, amountPence: -settlement.commissionPence, memo: 'commission' },
      { account: PLATFORM_REVENUE, amountPence: settlement.commissionPence },
    );
  }
  if (settlement.customerPence > 0) {
    legs.push(
      { account: account.ledgerAccount, amountPence: -settlement.customerPence },
      { account: customerWallet, amountPence: settlement.customerPence },
    );
  }
  return {
    kind: 'dispute_resolution',
    idempotencyKey: `dispute_resolution:${disputeId}`,
    legs,
    reference: {
      escrow_account_id: account.id,
      job_id: account.jobId,
      dispute_id: disputeId,
      outcome: settlement.outcome,
      commission_pence: String(settlement.commissionPence),
    },
  };
}

function outOfRange(vendorPence: number, disputedPence: number): DomainError {
  return new DomainError(
    EscrowErrors.VENDOR_AMOUNT_OUT_OF_RANGE,
    422,
    "The vendor's part must be within the disputed amount",
    { vendor_amount: penceToPounds(vendorPence), disputed_amount: penceToPounds(disputedPence) },
  );
}
