import { Command } from '@nestjs/cqrs';
import type { Lead } from '../lead.entity.js';
import type { PricingInput } from '../lead-pricing.js';

/** What offering needs to know of a job: its id, its owner and what its lead's price depends on. */
export interface OfferedJob extends PricingInput {
  id: string;
  customerId: string;
}

/**
 * Offers a published job to the vendors matched for it, one masked lead each, in the caller's
 * transaction (or a new one).
 */
export class OfferJobCommand extends Command<Lead[]> {
  constructor(
    readonly job: OfferedJob,
    readonly vendorIds: readonly string[],
    readonly now: Date,
  ) {
    super();
  }
}
