import type { NotificationCategory } from '#contracts';
import {
  applyChanges,
  effectiveChoice,
  preferenceViews,
  type ChannelChoice,
} from './preference-policy.js';

const none = new Map<NotificationCategory, ChannelChoice>();

describe('notification preferences', () => {
  it('has every channel of every category on by default, money and disputes locked', () => {
    expect(preferenceViews(none)).toEqual([
      { category: 'leads', in_app: true, email: true, locked: false },
      { category: 'quotes', in_app: true, email: true, locked: false },
      { category: 'messages', in_app: true, email: true, locked: false },
      { category: 'payments', in_app: true, email: true, locked: true },
      { category: 'disputes', in_app: true, email: true, locked: true },
      { category: 'reviews', in_app: true, email: true, locked: false },
      { category: 'account', in_app: true, email: true, locked: false },
    ]);
  });

  it('turns one channel off and leaves the other as it was', () => {
    const outcome = applyChanges(none, [{ category: 'messages', email: false }]);
    if (outcome.kind !== 'changed') throw new Error(outcome.kind);
    expect(effectiveChoice(outcome.choices, 'messages')).toEqual({ inApp: true, email: false });
    const again = applyChanges(outcome.choices, [{ category: 'messages', in_app: false }]);
    if (again.kind !== 'changed') throw new Error(again.kind);
    expect(effectiveChoice(again.choices, 'messages')).toEqual({ inApp: false, email: false });
  });

  it('refuses to turn off a locked category, and allows asking for it on', () => {
    expect(applyChanges(none, [{ category: 'payments', email: false }])).toEqual({
      kind: 'locked',
      category: 'payments',
    });
    expect(
      applyChanges(none, [
        { category: 'quotes', email: false },
        { category: 'disputes', in_app: false },
      ]),
    ).toEqual({ kind: 'locked', category: 'disputes' });
    expect(applyChanges(none, [{ category: 'payments', email: true }])).toEqual({
      kind: 'changed',
      choices: new Map(),
    });
  });

  it('keeps a locked category on even if a stored choice says otherwise', () => {
    const stored = new Map<NotificationCategory, ChannelChoice>([
      ['payments', { inApp: false, email: false }],
    ]);
    expect(effectiveChoice(stored, 'payments')).toEqual({ inApp: true, email: true });
  });
});
