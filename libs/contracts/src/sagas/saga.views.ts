import type { BusErrorPayload } from '../errors/domain-error.js';

export type SagaStatus = 'running' | 'compensating' | 'completed' | 'compensated' | 'failed';

/**
 * A cross-service action as its initiator sees it: `completed` with the action's usual reply as
 * `result`, or `compensated` (everything undone) with the `error` that stopped it.
 */
export interface SagaView {
  saga_id: string;
  type: string;
  status: SagaStatus;
  result: unknown;
  error: BusErrorPayload | null;
}

/** What an action answers when its saga is still running after the wait. */
export interface SagaRunningReply {
  saga_id: string;
  status: 'running' | 'compensating';
}

export interface SagaListView {
  sagas: SagaView[];
}

export function isSagaRunningReply(reply: object): reply is SagaRunningReply {
  return 'saga_id' in reply && 'status' in reply && !('result' in reply);
}
