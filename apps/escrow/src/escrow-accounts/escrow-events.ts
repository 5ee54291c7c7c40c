import { penceToPounds, type EscrowReleasedPayload } from '#contracts';
import type { EscrowAccount } from './escrow-account.entity.js';

/**
 * What `ESCROW_RELEASED` says of an escrow closed with money paid to its vendor, whether by its
 * last release or by a dispute's settlement: jobs-leads completes the job on it.
 */
export function escrowReleasedPayload(account: EscrowAccount): EscrowReleasedPayload {
  return {
    escrow_account_id: account.id,
    customer_id: account.customerId,
    vendor_id: account.vendorId,
    total: penceToPounds(account.totalPence),
  };
}
