import { priceLead, qualityMultiplier, qualityScore, type PricingInput } from './lead-pricing.js';

const tap: PricingInput = {
  title: 'Fix leaking kitchen tap',
  description: null,
  tradeCategory: 'Plumbing',
  budgetMinPence: 5_000,
  budgetMaxPence: 15_000,
  timeframe: 'urgent',
  postcode: null,
};

describe('lead pricing', () => {
  it('scores completeness: title, description, postcode, budget range, timeframe', () => {
    expect(qualityScore(tap)).toBe(20 + 15 + 15);
    expect(qualityScore({ ...tap, description: 'x'.repeat(120), postcode: 'SW1A 1AA' })).toBe(100);
    expect(qualityScore({ ...tap, title: 'Tap', timeframe: 'flexible', budgetMinPence: 0 })).toBe(
      0,
    );
  });

  it.each([
    [100, 1.3],
    [80, 1.3],
    [79, 1.0],
    [60, 1.0],
    [59, 0.8],
    [0, 0.8],
  ])('multiplies a quality score of %p by %p', (score, multiplier) => {
    expect(qualityMultiplier(score)).toBe(multiplier);
  });

  it('prices base × trade × area × quality, rounded to 50p', () => {
    // £5 base (budget up to £250) × 1.2 plumbing × 1 area × 0.8 quality (50) = £4.80 → £5.00
    expect(priceLead(tap)).toMatchObject({ pricePence: 500, qualityScore: 50 });
    // London and complete: £5 × 1.2 × 1.25 × 1.3 = £9.75 → £10.00 (half-way rounds up)
    expect(
      priceLead({ ...tap, description: 'x'.repeat(120), postcode: 'SW1A 1AA' }).pricePence,
    ).toBe(1000);
  });

  it('never goes below £2.50 or above £25.00', () => {
    expect(
      priceLead({
        ...tap,
        tradeCategory: 'Cleaning',
        budgetMaxPence: 2_000,
        title: 'Clean',
        timeframe: 'flexible',
      }).pricePence,
    ).toBe(250);
    expect(
      priceLead({
        ...tap,
        tradeCategory: 'Building',
        budgetMinPence: 900_000,
        budgetMaxPence: 1_000_000,
        description: 'x'.repeat(200),
        postcode: 'EC1A 1BB',
      }).pricePence,
    ).toBe(2500);
  });

  it('always lands on a 50p step', () => {
    for (let budget = 1_000; budget <= 500_000; budget += 7_919) {
      const { pricePence } = priceLead({
        ...tap,
        budgetMaxPence: budget,
        budgetMinPence: Math.floor(budget / 2),
      });
      expect(pricePence % 50).toBe(0);
    }
  });
});
