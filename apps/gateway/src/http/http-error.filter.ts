import { CommonErrors, DomainError } from '#contracts';
import {
  currentCorrelationId,
  REFUSED_VALUE_LOG_MESSAGE,
  refusedValue,
  ROOT_LOGGER,
} from '#platform';
import {
  Catch,
  HttpException,
  HttpStatus,
  Inject,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';

/** Codes for errors raised by the HTTP stack itself rather than by our code. */
const FRAMEWORK_ERROR_CODES: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: CommonErrors.MALFORMED_JSON,
  [HttpStatus.NOT_FOUND]: CommonErrors.ROUTE_NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: CommonErrors.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: CommonErrors.UNSUPPORTED_MEDIA_TYPE,
};

/**
 * Every error leaves the gateway as `{ error, code, message, ...details, correlation_id }`.
 * Unknown errors become a 500 that reveals nothing but the correlation id to quote.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const refused = refusedValue(exception);
    if (refused) {
      this.logger.error({ err: exception, sql_state: refused.sqlState }, REFUSED_VALUE_LOG_MESSAGE);
    }
    const error = refused?.answer ?? this.toDomainError(exception);
    if (error.status >= 500) {
      this.logger.error({ err: exception, code: error.code }, 'request failed');
    }
    if (typeof error.details.retry_after === 'number') {
      response.setHeader('retry-after', String(error.details.retry_after));
    }
    response.status(error.status).json({
      error: STATUS_CODES[error.status] ?? 'Error',
      code: error.code,
      message: error.message,
      ...error.details,
      correlation_id: currentCorrelationId(),
    });
  }

  private toDomainError(exception: unknown): DomainError {
    if (exception instanceof DomainError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Express could not percent-decode a path parameter: a malformed id, not a malformed body.
      if (status === HttpStatus.BAD_REQUEST && exception.cause instanceof URIError) {
        return DomainError.validation('The path is not valid percent-encoded UTF-8');
      }
      const code = FRAMEWORK_ERROR_CODES[status] ?? `HTTP_${status}`;
      const message = status === HttpStatus.NOT_FOUND ? 'No such route' : exception.message;
      return new DomainError(code, status, message);
    }
    return new DomainError(CommonErrors.INTERNAL_ERROR, 500, 'Internal error');
  }
}
