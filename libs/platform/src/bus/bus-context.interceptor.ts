import { CORRELATION_ID_HEADER } from '#contracts';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { runWithCorrelation } from '../correlation/correlation-context.js';

/** Runs each bus handler inside the caller's correlation scope, so its logs and events carry it. */
@Injectable()
export class BusContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const natsContext = context.switchToRpc().getContext<NatsContext>();
    const correlationId = natsContext.getHeaders()?.get(CORRELATION_ID_HEADER) || undefined;
    return new Observable((subscriber) =>
      runWithCorrelation(correlationId, () => next.handle().subscribe(subscriber)),
    );
  }
}
