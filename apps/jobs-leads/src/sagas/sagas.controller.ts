import { JobsApi, type SagaListView, type SagaView } from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetSagaQuery } from './get-saga/get-saga.query.js';
import { ListSagasQuery } from './list-sagas/list-sagas.query.js';
import { RetrySagaCommand } from './retry-saga/retry-saga.command.js';

const DEFAULT_LIST_SIZE = 50;

@BusController()
export class SagasController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(JobsApi.getSaga)
  get({ principal, data }: Received<typeof JobsApi.getSaga>): Promise<SagaView> {
    return this.queries.execute(new GetSagaQuery(principal, data.saga_id));
  }

  @Serve(JobsApi.listSagas)
  list({ data }: Received<typeof JobsApi.listSagas>): Promise<SagaListView> {
    return this.queries.execute(
      new ListSagasQuery(data.status ?? 'failed', data.limit ?? DEFAULT_LIST_SIZE),
    );
  }

  @Serve(JobsApi.retrySaga)
  retry({ data }: Received<typeof JobsApi.retrySaga>): Promise<SagaView> {
    return this.commands.execute(new RetrySagaCommand(data.saga_id));
  }
}
