import { DomainError, ErrorCode, type BusErrorPayload } from '#contracts';
import { Catch, Inject, Injectable, type RpcExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import { ROOT_LOGGER } from '../config/tokens.js';
import { REFUSED_VALUE_LOG_MESSAGE, refusedValue } from '../database/refused-value.js';

/**
 * Sends a DomainError back to the caller as is, a value the database refused as a 400, and
 * anything else as a bare 500; the last two are logged here.
 */
@Catch()
@Injectable()
export class BusErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown): Observable<never> {
    if (exception instanceof DomainError) {
      return throwError(() => exception.toPayload());
    }
    const refused = refusedValue(exception);
    if (refused) {
      this.logger.error({ err: exception, sql_state: refused.sqlState }, REFUSED_VALUE_LOG_MESSAGE);
      return throwError(() => refused.answer.toPayload());
    }
    this.logger.error({ err: exception }, 'unhandled error in bus handler');
    const internal: BusErrorPayload = {
      code: ErrorCode.INTERNAL_ERROR,
      status: 500,
      message: 'Internal error',
    };
    return throwError(() => internal);
  }
}
