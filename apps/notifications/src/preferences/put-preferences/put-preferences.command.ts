import type { PreferenceChange, PreferencesView, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** Turns channels of some categories on or off; the others stay as they are. */
export class PutPreferencesCommand extends Command<PreferencesView> {
  constructor(
    readonly user: UserPrincipal,
    readonly changes: readonly PreferenceChange[],
  ) {
    super();
  }
}
