import { codePointLength, textProblem } from './text.js';

describe('text as the database stores it', () => {
  it('counts code points, as Postgres does, not UTF-16 units or presentation sequences', () => {
    expect(codePointLength('a\uFE0F'.repeat(60))).toBe(120);
    expect(codePointLength('👍🏽')).toBe(2);
    expect(textProblem('a\uFE0F'.repeat(61), { max: 120 })).toMatch(/at most 120/);
    expect(textProblem('😀'.repeat(120), { max: 120 })).toBeNull();
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['an escape', 'a\u001Bb'],
    ['DEL', 'a\u007Fb'],
    ['a C1 control', 'a\u0085b'],
  ])('refuses %s anywhere', (_name, value) => {
    expect(textProblem(value, { max: 100 })).toMatch(/control characters/);
    expect(textProblem(value, { max: 100, multiline: true })).toMatch(/control characters/);
  });

  it('lets tabs and line breaks into multi-line text only', () => {
    expect(textProblem('one\r\ntwo\tthree', { max: 100, multiline: true })).toBeNull();
    expect(textProblem('one\ntwo', { max: 100 })).toMatch(/control characters/);
  });

  it('refuses lone surrogates, which Postgres would store as U+FFFD', () => {
    expect(textProblem('a\uD800b', { max: 100 })).toMatch(/lone surrogate/);
    expect(textProblem('\uDC00', { max: 100 })).toMatch(/lone surrogate/);
  });

  it('refuses what is not a string', () => {
    expect(textProblem(42, { max: 100 })).toBe('must be a string');
  });
});
