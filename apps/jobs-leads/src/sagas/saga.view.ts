import type { SagaView } from '#contracts';
import type { SagaOutcome } from '#platform';

export function toSagaView(outcome: SagaOutcome): SagaView {
  return {
    saga_id: outcome.sagaId,
    type: outcome.type,
    status: outcome.status,
    result: outcome.result,
    error: outcome.error,
  };
}
