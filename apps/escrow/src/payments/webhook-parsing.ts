import { DomainError, ErrorCode } from '#contracts';

export function webhookSignatureInvalid(): DomainError {
  return new DomainError(
    ErrorCode.WEBHOOK_SIGNATURE_INVALID,
    400,
    'Webhook signature is missing or does not match',
  );
}

export function webhookTimestampStale(): DomainError {
  return new DomainError(
    ErrorCode.WEBHOOK_TIMESTAMP_STALE,
    400,
    'Webhook timestamp is outside the tolerance',
  );
}

export function webhookPayloadInvalid(): DomainError {
  return new DomainError(
    ErrorCode.WEBHOOK_PAYLOAD_INVALID,
    400,
    'Webhook body is not a well-formed payment event',
  );
}

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

export function isWholeNumber(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
