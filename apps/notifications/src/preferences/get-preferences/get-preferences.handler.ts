import type { PreferencesView } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { preferenceViews } from '../preference-policy.js';
import { PreferencesRepository } from '../preferences.repository.js';
import { GetPreferencesQuery } from './get-preferences.query.js';

@QueryHandler(GetPreferencesQuery)
export class GetPreferencesHandler implements IQueryHandler<GetPreferencesQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly preferences: PreferencesRepository,
  ) {}

  async execute({ user }: GetPreferencesQuery): Promise<PreferencesView> {
    return { preferences: preferenceViews(await this.preferences.of(this.em, user.userId)) };
  }
}
