import { toUkE164 } from './is-uk-phone.decorator.js';

describe('UK phone numbers', () => {
  it.each([
    ['07911 123456', '+447911123456'],
    ['+44 7911 123456', '+447911123456'],
    ['020 7946 0000', '+442079460000'],
  ])('accepts %p as %p', (input, e164) => {
    expect(toUkE164(input)).toBe(e164);
  });

  it.each(['12345', '+1 202 555 0123', 'call me', '07911 12345678901'])('refuses %p', (input) => {
    expect(toUkE164(input)).toBeNull();
  });
});
