import { CORRELATION_ID_HEADER } from '#contracts';
import { runWithCorrelation } from '#platform';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Gives every request a correlation id (the caller's, if well-formed) that follows it across
 * the bus and into events, echoes it in the response, and logs one line per request.
 */
export class RequestContextMiddleware {
  constructor(private readonly logger: Logger) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const offered = request.header(CORRELATION_ID_HEADER);
    const correlationId = offered && SAFE_CORRELATION_ID.test(offered) ? offered : randomUUID();
    response.setHeader(CORRELATION_ID_HEADER, correlationId);
    const startedAt = process.hrtime.bigint();
    runWithCorrelation(correlationId, () => {
      response.on('finish', () => {
        const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
        this.logger.info(
          {
            method: request.method,
            path: request.path,
            status: response.statusCode,
            duration_ms: Math.round(durationMs * 10) / 10,
          },
          'request',
        );
      });
      next();
    });
  }
}
