import { isPoundsAmount, penceToPounds, poundsToPence } from './money.js';

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

describe('isPoundsAmount', () => {
  it.each([0, 0.01, 49.99, 1e2, 0.1 + 0.2, 10_000_000])('takes £%p', (pounds) => {
    expect(isPoundsAmount(pounds)).toBe(true);
  });

  it.each([1e-7, 5e-3, 0.005, 12.345, 1e20, Number.NaN, Number.POSITIVE_INFINITY, '10'])(
    'refuses %p, judged by its value rather than its decimal string',
    (value) => {
      expect(isPoundsAmount(value)).toBe(false);
    },
  );
});
