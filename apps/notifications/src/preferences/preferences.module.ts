import { Module } from '@nestjs/common';
import { GetPreferencesHandler } from './get-preferences/get-preferences.handler.js';
import { PreferencesController } from './preferences.controller.js';
import { PreferencesRepository } from './preferences.repository.js';
import { PutPreferencesHandler } from './put-preferences/put-preferences.handler.js';

/** Each user's channels per category; money and disputes stay on. */
@Module({
  controllers: [PreferencesController],
  providers: [PreferencesRepository, GetPreferencesHandler, PutPreferencesHandler],
  exports: [PreferencesRepository],
})
export class PreferencesModule {}
