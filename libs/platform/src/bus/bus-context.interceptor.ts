import { CORRELATION_ID_HEADER } from '#contracts';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { runWithCorrelation } from '../correlation/correlation-context.js';

/**
 * Runs each bus handler inside the caller's correlation scope, so its logs and events carry it,
 * and inside an ORM request context of its own, so handlers use the injected EntityManager.
 */
@Injectable()
export class BusContextInterceptor implements NestInterceptor {
  constructor(private readonly orm: MikroORM) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const natsContext = context.switchToRpc().getContext<NatsContext>();
    const correlationId = natsContext.getHeaders()?.get(CORRELATION_ID_HEADER) || undefined;
    return new Observable((subscriber) =>
      runWithCorrelation(correlationId, () =>
        RequestContext.create(this.orm.em, () => next.handle().subscribe(subscriber)),
      ),
    );
  }
}
