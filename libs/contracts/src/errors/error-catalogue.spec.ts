import { ERROR_CATALOGUE } from './error-catalogue.js';
import { ErrorCode } from './error-codes.js';

describe('the error catalogue', () => {
  it('describes every error code the services answer, and no other', () => {
    expect(Object.keys(ERROR_CATALOGUE).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('gives each code a 4xx or 5xx status and a meaning', () => {
    for (const [code, { status, when }] of Object.entries(ERROR_CATALOGUE)) {
      expect([code, status >= 400 && status <= 599, when.length > 0]).toEqual([code, true, true]);
    }
  });
});
