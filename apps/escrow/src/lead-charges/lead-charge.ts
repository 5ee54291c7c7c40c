import {
  DomainError,
  EscrowErrors,
  type ActorRole,
  type LeadRefundReason,
  type ServicePrincipal,
} from '#contracts';
import { PLATFORM_REVENUE, type AccountRef, type Transfer } from '../ledger/transfer.js';
import { refundPence } from './refund-policy.js';

/** One payment for a lead, and its refund once there is one (never more than one). */
export interface LeadCharge {
  leadId: string;
  vendorId: string;
  amountPence: number;
  /** The idempotency key the caller charged under; a refund names the charge by it. */
  chargeKey: string;
  chargeTransactionId: string;
  refundTransactionId: string | null;
  refundReason: LeadRefundReason | null;
  refundedPence: number | null;
}

/** Who an escrow event says acted. */
export interface EventActor {
  id: string;
  role: ActorRole;
}

/** What refunding a charge comes to: a new refund, or the one it already had. */
export type Refund =
  { replayed: false; pence: number } | { replayed: true; pence: number; transactionId: string };

const CHARGE_LEDGER_KEY_PREFIX = 'lead_charge:';

export function vendorWallet(vendorId: string): AccountRef {
  return { kind: 'vendor_wallet', ownerId: vendorId };
}

/** Scoped to the vendor, so that one vendor's key never collides with another's. */
export function chargeLedgerKey(vendorId: string, chargeKey: string): string {
  return `${CHARGE_LEDGER_KEY_PREFIX}${vendorId}:${chargeKey}`;
}

/** The caller's key inside a charge's ledger key; a vendor id holds no colon, a key may. */
export function chargeKeyOf(ledgerKey: string): string {
  const scoped = ledgerKey.slice(CHARGE_LEDGER_KEY_PREFIX.length);
  return scoped.slice(scoped.indexOf(':') + 1);
}

/**
 * A service may charge any vendor's wallet when it acts on its own (a saga step); acting for a
 * signed-in user, only that user's, and only if they are a vendor.
 */
export function assertMayCharge(caller: ServicePrincipal, vendorId: string): void {
  const user = caller.on_behalf_of;
  if (user && (user.role !== 'vendor' || user.userId !== vendorId)) {
    throw new DomainError(
      EscrowErrors.NOT_YOUR_WALLET,
      403,
      'A vendor can only pay from their own wallet',
    );
  }
}

/** The user the service acted for, or else the system, on the vendor's account. */
export function actorFor(caller: ServicePrincipal, vendorId: string): EventActor {
  return caller.on_behalf_of
    ? { id: caller.on_behalf_of.userId, role: caller.on_behalf_of.role }
    : { id: vendorId, role: 'system' };
}

export function chargeTransfer(charge: {
  leadId: string;
  vendorId: string;
  amountPence: number;
  chargeKey: string;
}): Transfer {
  return {
    kind: 'lead_charge',
    idempotencyKey: chargeLedgerKey(charge.vendorId, charge.chargeKey),
    legs: [
      { account: vendorWallet(charge.vendorId), amountPence: -charge.amountPence },
      { account: PLATFORM_REVENUE, amountPence: charge.amountPence },
    ],
    reference: { lead_id: charge.leadId },
  };
}

export function chargeVoided(leadId: string, chargeKey: string): DomainError {
  return new DomainError(
    EscrowErrors.LEAD_CHARGE_VOIDED,
    409,
    'This charge was cancelled before it was made',
    { lead_id: leadId, charge_key: chargeKey },
  );
}

/**
 * An acceptance that failed may never have reached its charge (the charge's reply was lost):
 * refunding such a charge voids its key instead, so the charge can never happen later. Other
 * reasons refund only what was charged.
 */
export function voidsWhenMissing(reason: LeadRefundReason): boolean {
  return reason === 'acceptance_failed';
}

export function leadAlreadyCharged(leadId: string): DomainError {
  return new DomainError(
    EscrowErrors.LEAD_ALREADY_CHARGED,
    409,
    'This lead has already been paid for',
    { lead_id: leadId },
  );
}

/**
 * Refunding a charge under the policy. Asked again for the same reason it answers the refund
 * already made, so a retried request is safe; for another reason it is refused (409).
 */
export function refundOf(charge: LeadCharge, reason: LeadRefundReason): Refund {
  if (charge.refundTransactionId === null) {
    return { replayed: false, pence: refundPence(charge.amountPence, reason) };
  }
  if (charge.refundReason !== reason) {
    throw new DomainError(
      EscrowErrors.LEAD_ALREADY_REFUNDED,
      409,
      'This lead has already been refunded',
      { lead_id: charge.leadId, reason: charge.refundReason },
    );
  }
  return {
    replayed: true,
    pence: charge.refundedPence!,
    transactionId: charge.refundTransactionId,
  };
}

/** One transfer per charge: the refund's key is the charge's transaction. */
export function refundTransfer(
  charge: LeadCharge,
  pence: number,
  reason: LeadRefundReason,
): Transfer {
  return {
    kind: 'lead_refund',
    idempotencyKey: `lead_refund:${charge.chargeTransactionId}`,
    legs: [
      { account: PLATFORM_REVENUE, amountPence: -pence },
      { account: vendorWallet(charge.vendorId), amountPence: pence },
    ],
    reference: { lead_id: charge.leadId, reason },
  };
}
