import type { PreferencesView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** The caller's channels, category by category. */
export class GetPreferencesQuery extends Query<PreferencesView> {
  constructor(readonly user: UserPrincipal) {
    super();
  }
}
