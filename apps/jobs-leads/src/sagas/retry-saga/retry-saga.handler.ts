import { DomainError, JobsErrors, type SagaView } from '#contracts';
import { SagaEngine } from '#platform';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { toSagaView } from '../saga.view.js';
import { RetrySagaCommand } from './retry-saga.command.js';

/** Only a failed run can be retried: 404 for no run, 409 SAGA_NOT_FAILED for any other status. */
@CommandHandler(RetrySagaCommand)
export class RetrySagaHandler implements ICommandHandler<RetrySagaCommand> {
  constructor(private readonly engine: SagaEngine) {}

  async execute({ sagaId }: RetrySagaCommand): Promise<SagaView> {
    const outcome = isUUID(sagaId) ? await this.engine.outcome(sagaId) : null;
    if (!outcome) {
      throw new DomainError(JobsErrors.SAGA_NOT_FOUND, 404, 'Saga not found', { saga_id: sagaId });
    }
    if (!(await this.engine.retryFailed(sagaId))) {
      throw new DomainError(JobsErrors.SAGA_NOT_FAILED, 409, `The saga is ${outcome.status}`, {
        status: outcome.status,
      });
    }
    return toSagaView((await this.engine.outcome(sagaId))!);
  }
}
