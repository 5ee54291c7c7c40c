import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import type { NatsContext } from '@nestjs/microservices';
import type { Histogram } from 'prom-client';
import { Observable } from 'rxjs';
import { errorClass, Metrics, startTimer } from '../metrics/metrics.js';

/** Times each bus handler by subject and outcome: `ok`, or the status class it failed with. */
@Injectable()
export class BusMetricsInterceptor implements NestInterceptor {
  private readonly duration: Histogram<'subject' | 'outcome'>;

  constructor(metrics: Metrics) {
    this.duration = metrics.histogram({
      name: 'tradematch_bus_handler_duration_seconds',
      help: 'Bus requests this app handled, by subject and outcome (ok, 4xx, 5xx)',
      labelNames: ['subject', 'outcome'],
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const subject = handlerSubject(context);
    const elapsed = startTimer();
    return new Observable((subscriber) =>
      next.handle().subscribe({
        next: (value) => subscriber.next(value),
        error: (error: unknown) => {
          this.duration.observe({ subject, outcome: errorClass(error) }, elapsed());
          subscriber.error(error);
        },
        complete: () => {
          this.duration.observe({ subject, outcome: 'ok' }, elapsed());
          subscriber.complete();
        },
      }),
    );
  }
}

/** The handler's pattern (never an id-bearing subject, should a pattern ever use wildcards). */
function handlerSubject(context: ExecutionContext): string {
  const patterns: unknown = Reflect.getMetadata(PATTERN_METADATA, context.getHandler());
  const pattern = Array.isArray(patterns) ? patterns[0] : patterns;
  if (typeof pattern === 'string') return pattern;
  return context.switchToRpc().getContext<NatsContext>().getSubject();
}
