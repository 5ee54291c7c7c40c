import { CommonErrors } from './common-errors.js';

/** The shape in which an error crosses the bus and reaches HTTP clients unchanged. */
export interface BusErrorPayload {
  code: string;
  status: number;
  message: string;
  details?: Record<string, unknown>;
}

/** A rule a caller broke, or a state that forbids the request; always a 4xx or a known 5xx. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static fromPayload(payload: BusErrorPayload): DomainError {
    return new DomainError(payload.code, payload.status, payload.message, payload.details ?? {});
  }

  static validation(message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError(CommonErrors.VALIDATION_FAILED, 400, message, details);
  }

  toPayload(): BusErrorPayload {
    return { code: this.code, status: this.status, message: this.message, details: this.details };
  }
}

export function isBusErrorPayload(value: unknown): value is BusErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    typeof candidate.status === 'number' &&
    typeof candidate.message === 'string'
  );
}
