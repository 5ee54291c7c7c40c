import type { Principal } from '../principal.js';

/**
 * The payload of every command and query on the bus. The correlation id travels in the
 * `x-correlation-id` NATS header so that logs on both sides carry it without touching payloads.
 */
export interface BusRequest<TData = unknown> {
  principal: Principal;
  idempotency_key?: string;
  data: TData;
}

/**
 * A request that acts for nobody: an external system's message (a payment provider's webhook)
 * that the receiving service authenticates itself, by signature.
 */
export interface UnauthenticatedBusRequest<TData = unknown> {
  data: TData;
}

export const CORRELATION_ID_HEADER = 'x-correlation-id';
