import type { SagaListView } from '#contracts';
import { SagaEngine } from '#platform';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toSagaView } from '../saga.view.js';
import { ListSagasQuery } from './list-sagas.query.js';

@QueryHandler(ListSagasQuery)
export class ListSagasHandler implements IQueryHandler<ListSagasQuery> {
  constructor(private readonly engine: SagaEngine) {}

  async execute({ status, limit }: ListSagasQuery): Promise<SagaListView> {
    return { sagas: (await this.engine.list(status, limit)).map(toSagaView) };
  }
}
