import { DomainError, NotificationsErrors, type PreferencesView } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { applyChanges, preferenceViews } from '../preference-policy.js';
import { PreferencesRepository } from '../preferences.repository.js';
import { PutPreferencesCommand } from './put-preferences.command.js';

/** All of the changes or none: a locked category refuses the whole request. */
@CommandHandler(PutPreferencesCommand)
export class PutPreferencesHandler implements ICommandHandler<PutPreferencesCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly preferences: PreferencesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ user, changes }: PutPreferencesCommand): Promise<PreferencesView> {
    return this.em.transactional(async (em) => {
      const stored = await this.preferences.of(em, user.userId);
      const outcome = applyChanges(stored, changes);
      if (outcome.kind === 'locked') {
        throw new DomainError(
          NotificationsErrors.PREFERENCE_LOCKED,
          422,
          `${outcome.category} notifications cannot be turned off`,
          { category: outcome.category },
        );
      }
      await this.preferences.save(em, user.userId, outcome.choices, this.clock.now());
      return { preferences: preferenceViews(outcome.choices) };
    });
  }
}
