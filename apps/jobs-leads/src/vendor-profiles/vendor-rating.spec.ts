import { bayesianRating, PRIOR_MEAN, PRIOR_WEIGHT } from './vendor-rating.js';

describe('bayesianRating', () => {
  it('is null without reviews', () => {
    expect(bayesianRating(0, 0)).toBeNull();
  });

  it('pulls a single review towards the prior', () => {
    expect(bayesianRating(5, 1)).toBe(
      Math.round(((PRIOR_MEAN * PRIOR_WEIGHT + 5) / 6) * 100) / 100,
    );
    expect(bayesianRating(5, 1)).toBe(4.17);
    expect(bayesianRating(1, 1)).toBe(3.5);
  });

  it('ranks fifty 4.8s above one 5', () => {
    const fifty = bayesianRating(4.8 * 50, 50)!;
    expect(fifty).toBe(4.73);
    expect(fifty).toBeGreaterThan(bayesianRating(5, 1)!);
  });

  it('tends to the plain average as reviews accumulate', () => {
    expect(bayesianRating(3 * 1000, 1000)).toBe(3.0);
    expect(bayesianRating(5 + 3 + 4, 3)).toBe(4);
  });
});
