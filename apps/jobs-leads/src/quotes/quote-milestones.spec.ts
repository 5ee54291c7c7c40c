import { MAX_QUOTE_MILESTONES } from '#contracts';
import {
  DEFAULT_MILESTONE_TITLE,
  quoteMilestones,
  revisedMilestones,
  type QuoteMilestone,
} from './quote-milestones.js';

const invalidMilestones = (message: string) =>
  expect.objectContaining({
    code: 'VALIDATION_FAILED',
    status: 400,
    details: { fields: [{ field: 'milestones', errors: [message] }] },
  });
const stages = (count: number, pounds: number) =>
  Array.from({ length: count }, (_, index) => ({ title: `Stage ${index + 1}`, amount: pounds }));

describe('quoteMilestones', () => {
  it('gives a quote sent without stages one stage, "Complete the job", for the whole amount', () => {
    expect(quoteMilestones(12_050)).toEqual([
      { title: DEFAULT_MILESTONE_TITLE, amountPence: 12_050 },
    ]);
    expect(DEFAULT_MILESTONE_TITLE).toBe('Complete the job');
  });

  it('keeps the vendor’s stages, in order and in pence, when they add up to the amount', () => {
    expect(
      quoteMilestones(12_000, [
        { title: 'Remove old tiles', amount: 60 },
        { title: 'Fit new tiles', amount: 60 },
      ]),
    ).toEqual([
      { title: 'Remove old tiles', amountPence: 6000 },
      { title: 'Fit new tiles', amountPence: 6000 },
    ]);
  });

  it('adds the stages up in pence, so amounts that float badly still sum to the penny', () => {
    // 0.1 + 0.2 is not 0.3 in floating point; in pence it is 10 + 20 = 30.
    expect(
      quoteMilestones(30, [
        { title: 'First', amount: 0.1 },
        { title: 'Second', amount: 0.2 },
      ]).map((stage) => stage.amountPence),
    ).toEqual([10, 20]);
    expect(quoteMilestones(3333, stages(3, 11.11)).map((stage) => stage.amountPence)).toEqual([
      1111, 1111, 1111,
    ]);
  });

  it('refuses stages a penny short of, or a penny over, the amount with 400', () => {
    for (const amountPence of [12_001, 11_999]) {
      expect(() => quoteMilestones(amountPence, stages(2, 60))).toThrow(
        invalidMilestones('milestone amounts must sum to amount'),
      );
    }
  });

  it('takes 1 to 20 stages, and refuses none or 21 with 400', () => {
    expect(quoteMilestones(100, stages(1, 1))).toHaveLength(1);
    expect(quoteMilestones(2000, stages(MAX_QUOTE_MILESTONES, 1))).toHaveLength(20);
    expect(() => quoteMilestones(0, [])).toThrow(
      invalidMilestones('a quote has 1 to 20 milestones'),
    );
    expect(() => quoteMilestones(2100, stages(MAX_QUOTE_MILESTONES + 1, 1))).toThrow(
      invalidMilestones('a quote has 1 to 20 milestones'),
    );
  });
});

describe('revisedMilestones', () => {
  const two: QuoteMilestone[] = [
    { title: 'Remove old tiles', amountPence: 6000 },
    { title: 'Fit new tiles', amountPence: 6000 },
  ];
  const one: QuoteMilestone[] = [{ title: 'Fix the tap', amountPence: 8000 }];

  it('takes the stages sent with the revision, checked against the new amount', () => {
    const sent = [
      { title: 'Deposit', amount: 50 },
      { title: 'Balance', amount: 100 },
    ];
    expect(revisedMilestones(two, 15_000, sent)).toEqual([
      { title: 'Deposit', amountPence: 5000 },
      { title: 'Balance', amountPence: 10_000 },
    ]);
    expect(() => revisedMilestones(two, 15_001, sent)).toThrow(
      invalidMilestones('milestone amounts must sum to amount'),
    );
  });

  it('keeps the old stages when the amount does not change', () => {
    expect(revisedMilestones(two, 12_000)).toBe(two);
  });

  it('lets a single stage follow a new amount, keeping its title', () => {
    expect(revisedMilestones(one, 9550)).toEqual([{ title: 'Fix the tap', amountPence: 9550 }]);
    expect(one).toEqual([{ title: 'Fix the tap', amountPence: 8000 }]);
  });

  it('refuses a new amount for several stages unless they are sent again', () => {
    expect(() => revisedMilestones(two, 13_000)).toThrow(
      invalidMilestones('send the milestones again with a new amount'),
    );
  });
});
