import { envInt } from '#platform';
import { loadLeadPricing, type LeadPricingConfig } from './lead-pricing.js';

export const LEADS_CONFIG = Symbol('LEADS_CONFIG');

const HOURS_72 = 72 * 60 * 60 * 1000;

export interface LeadsConfig {
  /** At most this many vendors are offered one job. */
  maxLeadsPerJob: number;
  /** An offer not answered by then expires. */
  leadOfferTtlMs: number;
  /** A live job without an accepted quote by then expires. */
  jobLiveTtlMs: number;
  /** How often due expiries are looked for. */
  expiryPollMs: number;
  pricing: LeadPricingConfig;
}

export function loadLeadsConfig(): LeadsConfig {
  return {
    maxLeadsPerJob: envInt('MAX_LEADS_PER_JOB', 5),
    leadOfferTtlMs: envInt('LEAD_OFFER_TTL_MS', HOURS_72),
    jobLiveTtlMs: envInt('JOB_LIVE_TTL_MS', HOURS_72),
    expiryPollMs: envInt('EXPIRY_POLL_MS', 5000),
    pricing: loadLeadPricing(),
  };
}
