import { toArea } from 'postcode';

/** What a lead's price depends on; amounts in pence. */
export interface PricingInput {
  title: string;
  description: string | null;
  tradeCategory: string;
  budgetMinPence: number;
  budgetMaxPence: number;
  timeframe: string;
  postcode: string | null;
}

export interface LeadPricingConfig {
  /** Base price by the job's maximum budget: the first tier whose ceiling covers it applies. */
  budgetTiers: { upToPence: number | null; basePence: number }[];
  tradeMultipliers: Record<string, number>;
  /** Postcode areas (`SW`, `M` ...) whose leads are worth more or less. */
  areaMultipliers: Record<string, number>;
  roundToPence: number;
  minPence: number;
  maxPence: number;
}

export interface LeadPrice {
  pricePence: number;
  qualityScore: number;
  breakdown: { basePence: number; trade: number; area: number; quality: number };
}

const LONDON = ['E', 'EC', 'N', 'NW', 'SE', 'SW', 'W', 'WC'];

export const DEFAULT_LEAD_PRICING: LeadPricingConfig = {
  budgetTiers: [
    { upToPence: 10_000, basePence: 300 },
    { upToPence: 25_000, basePence: 500 },
    { upToPence: 50_000, basePence: 800 },
    { upToPence: 100_000, basePence: 1200 },
    { upToPence: 250_000, basePence: 1600 },
    { upToPence: null, basePence: 2000 },
  ],
  tradeMultipliers: {
    Plumbing: 1.2,
    Electrical: 1.2,
    'Heating & Gas': 1.3,
    Roofing: 1.3,
    Building: 1.4,
    Carpentry: 1.0,
    Plastering: 1.0,
    Tiling: 1.0,
    Locksmith: 1.1,
    'Painting & Decorating': 0.9,
    Landscaping: 0.9,
    Cleaning: 0.8,
  },
  areaMultipliers: Object.fromEntries(LONDON.map((area) => [area, 1.25])),
  roundToPence: 50,
  minPence: 250,
  maxPence: 2500,
};

/**
 * How complete a job is, 0–100: complete jobs convert better, so their leads are worth more.
 * A clear title, a real description, a postcode, a sensible budget range and a timeframe.
 */
export function qualityScore(job: PricingInput): number {
  let score = 0;
  if (job.title.trim().length >= 15) score += 20;
  const description = job.description?.trim().length ?? 0;
  if (description >= 100) score += 30;
  else if (description >= 30) score += 15;
  if (job.postcode) score += 20;
  if (job.budgetMinPence > 0 && job.budgetMaxPence <= job.budgetMinPence * 3) score += 15;
  if (job.timeframe !== 'flexible') score += 15;
  return score;
}

export function qualityMultiplier(score: number): number {
  if (score >= 80) return 1.3;
  if (score >= 60) return 1.0;
  return 0.8;
}

/** Base × trade × area × quality, rounded to the step, clamped to the floor and ceiling. */
export function priceLead(
  job: PricingInput,
  config: LeadPricingConfig = DEFAULT_LEAD_PRICING,
): LeadPrice {
  const tier = config.budgetTiers.find(
    (candidate) => candidate.upToPence === null || job.budgetMaxPence <= candidate.upToPence,
  );
  const basePence = tier?.basePence ?? config.maxPence;
  const trade = config.tradeMultipliers[job.tradeCategory] ?? 1;
  const area = (job.postcode && config.areaMultipliers[toArea(job.postcode) ?? '']) || 1;
  const score = qualityScore(job);
  const quality = qualityMultiplier(score);
  const raw = basePence * trade * area * quality;
  const rounded = Math.round(raw / config.roundToPence) * config.roundToPence;
  return {
    pricePence: Math.min(config.maxPence, Math.max(config.minPence, rounded)),
    qualityScore: score,
    breakdown: { basePence, trade, area, quality },
  };
}
