import {
  LOCKED_CATEGORIES,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  type PreferenceChange,
  type PreferenceView,
} from '#contracts';

export interface ChannelChoice {
  inApp: boolean;
  email: boolean;
}

/** Every channel is on until its owner turns it off. */
const DEFAULT_CHOICE: ChannelChoice = { inApp: true, email: true };

export function isLocked(category: NotificationCategory): boolean {
  return LOCKED_CATEGORIES.includes(category);
}

/** What applies to each category, given the choices stored (only those that differ). */
export function effectiveChoice(
  stored: ReadonlyMap<NotificationCategory, ChannelChoice>,
  category: NotificationCategory,
): ChannelChoice {
  if (isLocked(category)) return DEFAULT_CHOICE;
  return stored.get(category) ?? DEFAULT_CHOICE;
}

export function preferenceViews(
  stored: ReadonlyMap<NotificationCategory, ChannelChoice>,
): PreferenceView[] {
  return NOTIFICATION_CATEGORIES.map((category) => {
    const choice = effectiveChoice(stored, category);
    return { category, in_app: choice.inApp, email: choice.email, locked: isLocked(category) };
  });
}

export type ChangeOutcome =
  | { kind: 'changed'; choices: Map<NotificationCategory, ChannelChoice> }
  | { kind: 'locked'; category: NotificationCategory };

/**
 * The choices after `changes` (each category named once: the request class sees to it). Turning
 * a channel of a locked category off is refused; asking for it on, as it is, changes nothing.
 */
export function applyChanges(
  stored: ReadonlyMap<NotificationCategory, ChannelChoice>,
  changes: readonly PreferenceChange[],
): ChangeOutcome {
  const choices = new Map(stored);
  for (const change of changes) {
    if (isLocked(change.category)) {
      if (change.in_app === false || change.email === false) {
        return { kind: 'locked', category: change.category };
      }
      continue;
    }
    const current = effectiveChoice(choices, change.category);
    choices.set(change.category, {
      inApp: change.in_app ?? current.inApp,
      email: change.email ?? current.email,
    });
  }
  return { kind: 'changed', choices };
}
