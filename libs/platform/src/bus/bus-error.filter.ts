import { DomainError, ErrorCode, type BusErrorPayload } from '#contracts';
import { Catch, Inject, Injectable, type RpcExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import { ROOT_LOGGER } from '../config/tokens.js';

/** Sends a DomainError back to the caller as is; anything else as a bare 500, logged here. */
@Catch()
@Injectable()
export class BusErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown): Observable<never> {
    if (exception instanceof DomainError) {
      return throwError(() => exception.toPayload());
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
