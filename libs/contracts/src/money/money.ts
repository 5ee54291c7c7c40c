/**
 * Amounts are decimal pounds with at most two places on the API and integer pence everywhere
 * else. Conversions go through these two functions only.
 */
export function poundsToPence(pounds: number): number {
  const pence = Math.round(pounds * 100);
  if (!Number.isSafeInteger(pence) || Math.abs(pence / 100 - pounds) > 1e-9) {
    throw new RangeError(`Not a pounds amount with at most 2 decimal places: ${pounds}`);
  }
  return pence;
}

export function penceToPounds(pence: number): number {
  return pence / 100;
}

/** Largest amount the API accepts anywhere: £10,000,000. */
export const MAX_AMOUNT_POUNDS = 10_000_000;
