import { envInt, envString } from '#platform';
import { DEFAULT_LEAD_PRICING, type LeadPricingConfig } from './lead-pricing.js';

export const OFFERS_CONFIG = Symbol('OFFERS_CONFIG');

const HOURS_72 = 72 * 60 * 60 * 1000;

export interface OffersConfig {
  /** At most this many vendors are offered one job. */
  maxLeadsPerJob: number;
  /** An offer not answered by then expires. */
  leadOfferTtlMs: number;
  pricing: LeadPricingConfig;
}

export function loadOffersConfig(): OffersConfig {
  return {
    maxLeadsPerJob: envInt('MAX_LEADS_PER_JOB', 5),
    leadOfferTtlMs: envInt('LEAD_OFFER_TTL_MS', HOURS_72),
    pricing: loadLeadPricing(),
  };
}

/** The pricing in force: the defaults, or a whole replacement as JSON in LEAD_PRICING_JSON. */
function loadLeadPricing(): LeadPricingConfig {
  const json = envString('LEAD_PRICING_JSON', '');
  return json ? (JSON.parse(json) as LeadPricingConfig) : DEFAULT_LEAD_PRICING;
}
