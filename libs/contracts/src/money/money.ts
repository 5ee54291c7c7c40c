/**
 * Amounts are decimal pounds with at most two places on the API and integer pence everywhere
 * else. Conversions go through these two functions only.
 */
export function poundsToPence(pounds: number): number {
  if (!isPoundsAmount(pounds)) {
    throw new RangeError(`Not a pounds amount with at most 2 decimal places: ${pounds}`);
  }
  return Math.round(pounds * 100);
}

export function penceToPounds(pence: number): number {
  return pence / 100;
}

/** Largest amount the API accepts anywhere: £10,000,000. */
export const MAX_AMOUNT_POUNDS = 10_000_000;

/**
 * A finite number of pounds that is a whole number of pence. Decided on the number itself, not
 * on its decimal string, so that `1e-7` or `0.1 + 0.2` are judged by what they are worth.
 */
export function isPoundsAmount(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const pence = Math.round(value * 100);
  return Number.isSafeInteger(pence) && Math.abs(pence / 100 - value) <= 1e-9;
}
