import { CommonErrors, DomainError, isIdempotencyKey, type UserPrincipal } from '#contracts';
import { CLOCK, ROOT_LOGGER, type Clock } from '#platform';
import {
  HttpStatus,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { keyStillInUse } from './idempotency-errors.js';
import { IDEMPOTENCY_CONFIG, type IdempotencyConfig } from './idempotency.config.js';
import { IdempotencyRecordRepository } from './idempotency-record.repository.js';
import { IDEMPOTENCY_KEY_FIELD, requestFingerprint } from './request-fingerprint.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const MUTATIONS = new Set(['POST', 'PUT', 'PATCH']);
const POLL_MS = 50;

type KeyedRequest = Request & { principal?: UserPrincipal };

/**
 * The one replay mechanism of the API: a signed-in caller's POST, PUT or PATCH with an
 * idempotency key (the `Idempotency-Key` header or the body's `idempotency_key`) runs once per
 * user, route and key. A retry gets the first answer again, status and body; the same key on
 * another request is 422; a retry while the first still runs waits for it, then 409. Only final
 * 2xx answers are kept: a refused request changed nothing, so its key is free again. The money
 * routes also pass the key to their service, which makes them exactly-once even when a gateway
 * dies between the service's commit and this record.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRecordRepository,
    @Inject(IDEMPOTENCY_CONFIG) private readonly config: IdempotencyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    if (!MUTATIONS.has(request.method) || !request.principal) return next.handle();
    const key = idempotencyKeyOf(request);
    if (key === undefined) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const scope = `${request.principal.userId} ${request.method} ${routeOf(request)}`;
    const fingerprint = requestFingerprint(request);
    return defer(() => this.answer({ scope, key, fingerprint }, response, next));
  }

  private async answer(
    request: { scope: string; key: string; fingerprint: string },
    response: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const deadline = this.clock.now().getTime() + this.config.waitMs;
    for (;;) {
      const now = this.clock.now();
      const claimed = await this.records.claim({
        ...request,
        now,
        leaseEndsAt: new Date(now.getTime() + this.config.leaseMs),
        expiresAt: new Date(now.getTime() + this.config.retentionMs),
      });
      if (claimed) return this.runFirst(request, response, next);
      const record = await this.records.find(request.scope, request.key);
      // Released by a first request that failed, between the claim and this read: claim again.
      if (!record) continue;
      if (record.fingerprint !== request.fingerprint) {
        throw new DomainError(
          CommonErrors.IDEMPOTENCY_KEY_REUSED,
          422,
          'This idempotency key was used for another request',
        );
      }
      if (record.state === 'completed') {
        response.status(record.responseStatus!);
        response.setHeader('idempotent-replayed', 'true');
        return record.responseBody;
      }
      const waitedOut = this.clock.now().getTime() >= deadline;
      if (waitedOut) throw keyStillInUse(this.config.waitMs);
      await sleep(POLL_MS);
    }
  }

  private async runFirst(
    request: { scope: string; key: string },
    response: Response,
    next: CallHandler,
  ): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.records.release(request.scope, request.key);
      throw error;
    }
    try {
      // A 202 says the outcome is not known yet: a retry asks the service again, and the
      // service (a saga, say) answers how the run it started with this key stands.
      if (response.statusCode === HttpStatus.ACCEPTED) {
        await this.records.release(request.scope, request.key);
      } else {
        await this.records.complete(request.scope, request.key, response.statusCode, body);
      }
    } catch (error) {
      // The answer stands; a retry after the lease runs the request again, which the money
      // routes' own keys make harmless.
      this.logger.warn(
        { err: error, scope: request.scope },
        'could not record an idempotent answer',
      );
    }
    return body;
  }
}

/** The key the caller sent, checked; undefined when they sent none. */
function idempotencyKeyOf(request: Request): string | undefined {
  const header = request.headers[IDEMPOTENCY_KEY_HEADER];
  const body: unknown = request.body;
  const field =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)[IDEMPOTENCY_KEY_FIELD]
      : undefined;
  if (header === undefined && field === undefined) return undefined;
  const problems = [
    ...(header !== undefined && !isIdempotencyKey(header) ? ['Idempotency-Key header'] : []),
    ...(field !== undefined && !isIdempotencyKey(field) ? [IDEMPOTENCY_KEY_FIELD] : []),
  ];
  if (problems.length > 0) {
    throw DomainError.validation('The request is not valid', {
      fields: problems.map((field) => ({
        field,
        errors: [`${field} must be 8-128 characters of [A-Za-z0-9._:-]`],
      })),
    });
  }
  if (header !== undefined && field !== undefined && header !== field) {
    throw DomainError.validation('The request is not valid', {
      fields: [
        {
          field: IDEMPOTENCY_KEY_FIELD,
          errors: ['idempotency_key differs from the Idempotency-Key header'],
        },
      ],
    });
  }
  return (header ?? field) as string;
}

/** The route's template, never the concrete path: a key is scoped to a route. */
function routeOf(request: Request): string {
  const path: unknown = request.route?.path;
  return `${request.baseUrl ?? ''}${typeof path === 'string' ? path : request.path}`;
}
