import { DomainError } from '#contracts';
import { CheckConstraintViolationException } from '@mikro-orm/postgresql';
import { BadRequestException, type ArgumentsHost } from '@nestjs/common';
import type { Logger } from 'pino';
import { HttpErrorFilter } from './http-error.filter.js';

describe('HttpErrorFilter', () => {
  const logged: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = {
    error: (fields: Record<string, unknown>, message: string) => logged.push({ fields, message }),
  };
  const filter = new HttpErrorFilter(logger as unknown as Logger);

  function answer(exception: unknown): {
    status: number;
    body: any;
    headers: Record<string, string>;
  } {
    const sent = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
    const response = {
      setHeader: (name: string, value: string) => (sent.headers[name] = value),
      status(status: number) {
        sent.status = status;
        return this;
      },
      json: (body: unknown) => (sent.body = body),
    };
    filter.catch(exception, {
      switchToHttp: () => ({ getResponse: () => response }),
    } as unknown as ArgumentsHost);
    return sent as { status: number; body: any; headers: Record<string, string> };
  }

  beforeEach(() => logged.splice(0));

  it('answers a CHECK violation that got past validation as 400 VALIDATION_FAILED, logged as a bug', () => {
    const violation = new CheckConstraintViolationException(
      Object.assign(new Error('violates check constraint'), { code: '23514' }),
    );
    const sent = answer(violation);
    expect([sent.status, sent.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(logged).toEqual([
      {
        fields: expect.objectContaining({ sql_state: '23514' }),
        message: expect.stringContaining('validation bug'),
      },
    ]);
  });

  it('tells a path that does not percent-decode from a body that is not JSON', () => {
    const path = new BadRequestException("Failed to decode param '%ED'", { cause: new URIError() });
    const body = new BadRequestException('Unexpected token', { cause: new SyntaxError() });
    expect(answer(path).body.code).toBe('VALIDATION_FAILED');
    expect(answer(body).body.code).toBe('MALFORMED_JSON');
  });

  it('sends retry_after as the Retry-After header too', () => {
    const sent = answer(new DomainError('RATE_LIMITED', 429, 'Slow down', { retry_after: 7 }));
    expect([sent.status, sent.body.retry_after, sent.headers['retry-after']]).toEqual([
      429,
      7,
      '7',
    ]);
  });
});
