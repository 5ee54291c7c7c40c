import { CreateJobRequest } from '#contracts';
import { validateInput } from './validate-input.js';

const valid = {
  title: 'Fix tap',
  trade_category: 'Plumbing',
  budget_min: 1,
  budget_max: 2,
  timeframe: 'flexible',
};

describe('validateInput', () => {
  it('returns an instance of the contract class for valid data', () => {
    const request = validateInput(CreateJobRequest, valid);
    expect(request).toBeInstanceOf(CreateJobRequest);
    expect(request.title).toBe('Fix tap');
  });

  it('names every offending field, unknown ones included', () => {
    expect(() =>
      validateInput(CreateJobRequest, { ...valid, budget_min: 'one', secret: true }),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        status: 400,
        details: {
          fields: expect.arrayContaining([
            expect.objectContaining({ field: 'budget_min' }),
            expect.objectContaining({ field: 'secret' }),
          ]),
        },
      }),
    );
  });

  it.each([null, 'text', 42, [valid]])('refuses %p as a payload', (data) => {
    expect(() => validateInput(CreateJobRequest, data)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
