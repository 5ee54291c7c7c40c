/**
 * A vendor's rating is a Bayesian average: the published reviews' stars together with
 * `PRIOR_WEIGHT` imagined reviews of `PRIOR_MEAN` stars, so that one 5-star review does not
 * outrank fifty 4.8s, and a vendor with few reviews sits near the marketplace's typical score.
 *
 *   rating = (PRIOR_MEAN × PRIOR_WEIGHT + sum of stars) / (PRIOR_WEIGHT + number of reviews)
 *
 * rounded to 2 decimal places; null while there is no review (matching puts those last).
 */
export const PRIOR_MEAN = 4.0;
export const PRIOR_WEIGHT = 5;

export function bayesianRating(ratingSum: number, reviewCount: number): number | null {
  if (reviewCount === 0) return null;
  const rating = (PRIOR_MEAN * PRIOR_WEIGHT + ratingSum) / (PRIOR_WEIGHT + reviewCount);
  return Math.round(rating * 100) / 100;
}
