import { penceToPounds, poundsToPence } from './money.js';

describe('money conversions', () => {
  it.each([
    [0, 0],
    [50, 5000],
    [0.1, 10],
    [49.99, 4999],
    [150.5, 15050],
    [10_000_000, 1_000_000_000],
  ])('converts £%p to %p pence exactly', (pounds, pence) => {
    expect(poundsToPence(pounds)).toBe(pence);
    expect(penceToPounds(pence)).toBeCloseTo(pounds, 10);
  });

  it.each([0.001, 12.345, Number.NaN, Number.POSITIVE_INFINITY, 1e20])('refuses £%p', (pounds) => {
    expect(() => poundsToPence(pounds)).toThrow(RangeError);
  });
});
