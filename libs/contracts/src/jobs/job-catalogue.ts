export const TRADE_CATEGORIES = [
  'Plumbing',
  'Electrical',
  'Carpentry',
  'Painting & Decorating',
  'Roofing',
  'Plastering',
  'Tiling',
  'Heating & Gas',
  'Landscaping',
  'Building',
  'Locksmith',
  'Cleaning',
] as const;

export type TradeCategory = (typeof TRADE_CATEGORIES)[number];

export const TIMEFRAMES = ['urgent', 'within_a_week', 'within_a_month', 'flexible'] as const;

export type Timeframe = (typeof TIMEFRAMES)[number];

export const JOB_STATUSES = [
  'draft',
  'live',
  'awarding',
  'in_progress',
  'completed',
  'closed',
  'cancelled',
  'expired',
  'disputed',
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];
