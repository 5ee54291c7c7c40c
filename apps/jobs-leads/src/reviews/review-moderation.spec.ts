import { DEFAULT_BLOCKED_WORDS, moderationFlags, parseBlockedWords } from './review-moderation.js';

const flags = (text: string, words: readonly string[] = DEFAULT_BLOCKED_WORDS) =>
  moderationFlags(text, words);

describe('moderationFlags', () => {
  it('passes an ordinary review, numbers, prices and dates included', () => {
    expect(flags('Fixed the tap in 2 hours for £120 on 12/03/2026. Tidy, polite, 10/10.')).toEqual(
      [],
    );
    expect(
      flags('Three doors hung, e.g. the bathroom one, and 1,500 screws later all good'),
    ).toEqual([]);
  });

  it.each([
    'Call me on 07911 123456 next time',
    'ring +44 7911 123 456',
    'my number is 0 7 9 1 1 1 2 3 4 5 6',
    '(020) 7946-0018',
  ])('holds a phone number: %s', (text) => {
    expect(flags(text)).toContain('phone');
  });

  it.each([
    'email me: bob.builder@example.co.uk',
    'bob (at) example (dot) com',
    'bob[at]example.com',
  ])('holds an email address: %s', (text) => {
    expect(flags(text)).toEqual(['email']);
  });

  it.each(['see https://cheap-doors.example', 'www.bobsdoors.com', 'find us at bobsdoors.co.uk'])(
    'holds a web address: %s',
    (text) => {
      expect(flags(text)).toEqual(['url']);
    },
  );

  it('holds blocked words whole, in any case and with their endings, but not inside others', () => {
    expect(flags('What a SHIT job')).toEqual(['blocked_word']);
    expect(flags('the fucking door still sticks')).toEqual(['blocked_word']);
    expect(flags('Scunthorpe-based, trimmed a prickly hedge: wonderful')).toEqual([]);
  });

  it('takes the configured list instead of the default', () => {
    const words = parseBlockedWords(' cowboy, ,Rogue ');
    expect(words).toEqual(['cowboy', 'rogue']);
    expect(flags('A real cowboy outfit', words)).toEqual(['blocked_word']);
    expect(flags('What a shit job', words)).toEqual([]);
    expect(parseBlockedWords(undefined)).toBe(DEFAULT_BLOCKED_WORDS);
    expect(parseBlockedWords('  ')).toBe(DEFAULT_BLOCKED_WORDS);
  });

  it('reports every reason at once', () => {
    expect(flags('shit work, complain to 07911123456 or bob@example.com')).toEqual([
      'phone',
      'email',
      'blocked_word',
    ]);
  });
});
