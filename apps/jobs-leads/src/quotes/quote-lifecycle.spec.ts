import {
  nextQuoteStatus,
  QUOTE_TRANSITIONS,
  shownQuoteStatus,
  type QuoteAction,
  type StoredQuoteStatus,
} from './quote-lifecycle.js';

const STORED: StoredQuoteStatus[] = ['pending', 'accepting', 'accepted', 'rejected', 'withdrawn'];

describe('quote lifecycle', () => {
  it.each([
    ['pending', 'revise', 'pending'],
    ['pending', 'withdraw', 'withdrawn'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'reserve', 'accepting'],
    ['accepting', 'release', 'pending'],
    ['accepting', 'accept', 'accepted'],
  ] as [StoredQuoteStatus, QuoteAction, StoredQuoteStatus][])(
    'moves a %s quote on %s to %s',
    (from, action, to) => {
      expect(nextQuoteStatus(from, action)).toBe(to);
    },
  );

  const illegal = STORED.flatMap((status) =>
    (Object.keys(QUOTE_TRANSITIONS) as QuoteAction[])
      .filter(
        (action) =>
          !(QUOTE_TRANSITIONS[action].from as readonly StoredQuoteStatus[]).includes(status),
      )
      .map((action) => [status, action] as const),
  );

  it.each(illegal)(
    'refuses %s → %s with 409 QUOTE_NOT_PENDING naming the status',
    (status, action) => {
      expect(() => nextQuoteStatus(status, action)).toThrow(
        expect.objectContaining({ code: 'QUOTE_NOT_PENDING', status: 409, details: { status } }),
      );
    },
  );

  it('lets nothing change an accepted, rejected or withdrawn quote', () => {
    for (const status of ['accepted', 'rejected', 'withdrawn'] as StoredQuoteStatus[]) {
      for (const action of Object.keys(QUOTE_TRANSITIONS) as QuoteAction[]) {
        expect(() => nextQuoteStatus(status, action)).toThrow(
          expect.objectContaining({ code: 'QUOTE_NOT_PENDING' }),
        );
      }
    }
  });

  it('lets the customer accept only a quote the award holds, never a pending one directly', () => {
    expect(() => nextQuoteStatus('pending', 'accept')).toThrow(
      expect.objectContaining({ code: 'QUOTE_NOT_PENDING', status: 409 }),
    );
    expect(nextQuoteStatus(nextQuoteStatus('pending', 'reserve'), 'accept')).toBe('accepted');
  });

  it('shows a pending quote as closed once its job is no longer open to quotes', () => {
    expect(shownQuoteStatus('pending', false)).toBe('closed');
    expect(shownQuoteStatus('pending', true)).toBe('pending');
    for (const status of STORED.filter((candidate) => candidate !== 'pending')) {
      expect(shownQuoteStatus(status, false)).toBe(status);
      expect(shownQuoteStatus(status, true)).toBe(status);
    }
  });
});
