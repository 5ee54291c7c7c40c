import type { AcceptLeadReply, SagaListView, SagaRunningReply, SagaView } from '#contracts';
import { toAcceptLeadResponse } from '../leads/lead.response.js';

/** An action still running after the wait: where to follow it. */
export interface SagaRunningResponse extends SagaRunningReply {
  status_url: string;
}

export function toSagaRunningResponse(reply: SagaRunningReply): SagaRunningResponse {
  return {
    saga_id: reply.saga_id,
    status: reply.status,
    status_url: `/api/connection/sagas/${reply.saga_id}`,
  };
}

/** Each saga type's result, shaped as the action's own reply is: deny by default. */
const RESULTS: Record<string, (result: unknown) => unknown> = {
  'accept-lead': (result) => toAcceptLeadResponse(result as AcceptLeadReply),
};

export function toSagaResponse(view: SagaView): SagaView {
  const shape = RESULTS[view.type];
  return {
    saga_id: view.saga_id,
    type: view.type,
    status: view.status,
    result: view.result === null || !shape ? null : shape(view.result),
    error: view.error && {
      code: view.error.code,
      status: view.error.status,
      message: view.error.message,
      ...(view.error.details ? { details: view.error.details } : {}),
    },
  };
}

export function toSagaListResponse(view: SagaListView): SagaListView {
  return { sagas: view.sagas.map(toSagaResponse) };
}
