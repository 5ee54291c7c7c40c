import { NotificationsApi, type PreferencesView } from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetPreferencesQuery } from './get-preferences/get-preferences.query.js';
import { PutPreferencesCommand } from './put-preferences/put-preferences.command.js';

@BusController()
export class PreferencesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(NotificationsApi.getPreferences)
  get({ principal }: Received<typeof NotificationsApi.getPreferences>): Promise<PreferencesView> {
    return this.queries.execute(new GetPreferencesQuery(principal));
  }

  @Serve(NotificationsApi.putPreferences)
  put({
    principal,
    data,
  }: Received<typeof NotificationsApi.putPreferences>): Promise<PreferencesView> {
    return this.commands.execute(new PutPreferencesCommand(principal, data.preferences));
  }
}
