import type { Clock } from '#platform';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { lastValueFrom, of, throwError } from 'rxjs';
import type {
  IdempotencyRecord,
  IdempotencyRecordRepository,
} from './idempotency-record.repository.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { requestFingerprint } from './request-fingerprint.js';

const REQUEST = { path: '/api/connection/jobs', query: {}, body: { title: 'Fix tap' } };

/** The record store as one other request left it: `claimable` says whether a claim succeeds. */
class FakeRecords {
  readonly calls: string[] = [];
  constructor(
    private readonly claimable: boolean,
    private readonly existing: IdempotencyRecord | null,
  ) {}
  async claim(): Promise<boolean> {
    this.calls.push('claim');
    return this.claimable;
  }
  async find(): Promise<IdempotencyRecord | null> {
    return this.existing;
  }
  async complete(): Promise<void> {
    this.calls.push('complete');
  }
  async release(): Promise<void> {
    this.calls.push('release');
  }
}

function context(statusCode = 201): ExecutionContext {
  const request = {
    ...REQUEST,
    method: 'POST',
    baseUrl: '',
    route: { path: '/api/connection/jobs' },
    headers: { 'idempotency-key': 'key-12345678' },
    principal: { userId: 'user-1', role: 'customer' },
  };
  const response = { statusCode, status: () => response, setHeader: () => response };
  return {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
}

describe('IdempotencyInterceptor', () => {
  const config = { retentionMs: 86_400_000, waitMs: 200, leaseMs: 10_000 };
  const clock: Clock = { now: () => new Date() };
  const logger = { warn: () => undefined } as unknown as Logger;
  const interceptor = (records: FakeRecords) =>
    new IdempotencyInterceptor(
      records as unknown as IdempotencyRecordRepository,
      config,
      clock,
      logger,
    );

  it('answers 409 IDEMPOTENCY_KEY_IN_USE when the first request with the key outlasts the wait', async () => {
    const running: IdempotencyRecord = {
      fingerprint: requestFingerprint(REQUEST),
      state: 'running',
      responseStatus: null,
      responseBody: null,
    };
    let handled = false;
    const handler: CallHandler = {
      handle: () => {
        handled = true;
        return of({ job_id: 'j' });
      },
    };
    const started = Date.now();
    await expect(
      lastValueFrom(interceptor(new FakeRecords(false, running)).intercept(context(), handler)),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE', status: 409 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(config.waitMs);
    expect(handled).toBe(false);
  });

  it('keeps a final answer, but not a 202: a retry then asks the service how its run stands', async () => {
    const handler: CallHandler = { handle: () => of({ saga_id: 's', status: 'running' }) };
    const kept = new FakeRecords(true, null);
    await lastValueFrom(interceptor(kept).intercept(context(200), handler));
    expect(kept.calls).toEqual(['claim', 'complete']);
    const running = new FakeRecords(true, null);
    await lastValueFrom(interceptor(running).intercept(context(202), handler));
    expect(running.calls).toEqual(['claim', 'release']);
  });

  it('frees the key when the first request fails, so that a retry runs it', async () => {
    const records = new FakeRecords(true, null);
    const failing: CallHandler = { handle: () => throwError(() => new Error('refused')) };
    await expect(lastValueFrom(interceptor(records).intercept(context(), failing))).rejects.toThrow(
      'refused',
    );
    expect(records.calls).toEqual(['claim', 'release']);
  });
});
