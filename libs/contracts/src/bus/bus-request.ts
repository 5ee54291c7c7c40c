import type { Principal } from '../principal.js';

/**
 * The payload of every command and query on the bus. The correlation id travels in the
 * `x-correlation-id` NATS header so that logs on both sides carry it without touching payloads.
 */
export interface BusRequest<TData = unknown> {
  principal: Principal;
  data: TData;
}

export const CORRELATION_ID_HEADER = 'x-correlation-id';
