import {
  SAGA_STATUSES,
  type AcceptLeadReply,
  type AcceptQuoteReply,
  type BusErrorPayload,
  type SagaListView,
  type SagaRunningReply,
  type SagaStatus,
  type SagaView,
} from '#contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { toAcceptLeadResponse } from '../leads/lead.response.js';
import { toAcceptQuoteResponse } from '../quotes/quote.response.js';

/** An action still running after the wait: where to follow it. */
export class SagaRunningResponse implements SagaRunningReply {
  @ApiProperty({ format: 'uuid' }) saga_id!: string;
  @ApiProperty({ enum: ['running', 'compensating'] }) status!: 'running' | 'compensating';
  @ApiProperty({ example: '/api/connection/sagas/01a203c3-c3f4-7718-9d81-b9687ec8bb5c' })
  status_url!: string;
}

export class SagaErrorResponse implements BusErrorPayload {
  @ApiProperty({ example: 'INSUFFICIENT_FUNDS' }) code!: string;
  @ApiProperty({ example: 402 }) status!: number;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}

export class SagaResponse implements SagaView {
  @ApiProperty({ format: 'uuid' }) saga_id!: string;
  @ApiProperty({ example: 'accept-lead' }) type!: string;
  @ApiProperty({ enum: SAGA_STATUSES }) status!: SagaStatus;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      "once completed, the action's own answer (accept-lead: the lead accept answer; award-quote: the quote accept answer)",
  })
  result!: unknown;
  @ApiProperty({ type: SagaErrorResponse, nullable: true, description: 'what stopped it' })
  error!: SagaErrorResponse | null;
}

export class SagaListResponse implements SagaListView {
  @ApiProperty({ type: [SagaResponse] }) sagas!: SagaResponse[];
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
  'award-quote': (result) => toAcceptQuoteResponse(result as AcceptQuoteReply),
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
