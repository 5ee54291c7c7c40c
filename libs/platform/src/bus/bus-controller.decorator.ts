import { applyDecorators, Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { BusContextInterceptor } from './bus-context.interceptor.js';
import { BusErrorFilter } from './bus-error.filter.js';
import { BusMetricsInterceptor } from './bus-metrics.interceptor.js';

/** A controller of bus subjects: timed, correlation scope in, typed errors out. */
export function BusController(): ClassDecorator {
  return applyDecorators(
    Controller(),
    UseInterceptors(BusMetricsInterceptor, BusContextInterceptor),
    UseFilters(BusErrorFilter),
  );
}
