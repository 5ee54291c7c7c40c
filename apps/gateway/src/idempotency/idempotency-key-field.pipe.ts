import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { IDEMPOTENCY_KEY_FIELD } from './request-fingerprint.js';

/**
 * Every mutation takes `idempotency_key` in its body (the IdempotencyInterceptor reads it), but
 * most request classes do not declare it, and unknown fields are refused: for those the field
 * is taken out before validation. Classes that declare it (deposit, payout, lead accept) keep
 * it, and pass the key on to their service.
 */
@Injectable()
export class IdempotencyKeyFieldPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || !metadata.metatype || !isPlainObject(value)) return value;
    if (!(IDEMPOTENCY_KEY_FIELD in value) || declaresKey(metadata.metatype)) return value;
    const rest = { ...value };
    delete rest[IDEMPOTENCY_KEY_FIELD];
    return rest;
  }
}

function declaresKey(type: new (...args: never[]) => unknown): boolean {
  return getMetadataStorage()
    .getTargetValidationMetadatas(type, '', true, false)
    .some((rule) => rule.propertyName === IDEMPOTENCY_KEY_FIELD);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
