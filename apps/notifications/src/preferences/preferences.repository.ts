import type { NotificationCategory } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ChannelChoice } from './preference-policy.js';
import { Preference } from './preference.entity.js';

@Injectable()
export class PreferencesRepository {
  async of(em: EntityManager, userId: string): Promise<Map<NotificationCategory, ChannelChoice>> {
    const rows = await em.find(Preference, { userId });
    return new Map(rows.map((row) => [row.category, { inApp: row.inApp, email: row.email }]));
  }

  async save(
    em: EntityManager,
    userId: string,
    choices: ReadonlyMap<NotificationCategory, ChannelChoice>,
    now: Date,
  ): Promise<void> {
    for (const [category, choice] of choices) {
      await em.upsert(Preference, {
        userId,
        category,
        inApp: choice.inApp,
        email: choice.email,
        updatedAt: now,
      });
    }
  }
}
