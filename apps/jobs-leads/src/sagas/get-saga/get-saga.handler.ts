import { DomainError, JobsErrors, type SagaView } from '#contracts';
import { SagaEngine } from '#platform';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { toSagaView } from '../saga.view.js';
import { GetSagaQuery } from './get-saga.query.js';

/** Only the user who started a run (and admins) may read it; to anyone else it does not exist. */
@QueryHandler(GetSagaQuery)
export class GetSagaHandler implements IQueryHandler<GetSagaQuery> {
  constructor(private readonly engine: SagaEngine) {}

  async execute({ viewer, sagaId }: GetSagaQuery): Promise<SagaView> {
    const outcome = isUUID(sagaId) ? await this.engine.outcome(sagaId) : null;
    if (!outcome || (viewer.role !== 'admin' && outcome.initiatorId !== viewer.userId)) {
      throw new DomainError(JobsErrors.SAGA_NOT_FOUND, 404, 'Saga not found', {
        saga_id: sagaId,
      });
    }
    return toSagaView(outcome);
  }
}
