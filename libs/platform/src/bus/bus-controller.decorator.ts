import { applyDecorators, Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { BusContextInterceptor } from './bus-context.interceptor.js';
import { BusErrorFilter } from './bus-error.filter.js';

/** A controller of bus subjects: correlation scope in, typed errors out. */
export function BusController(): ClassDecorator {
  return applyDecorators(
    Controller(),
    UseInterceptors(BusContextInterceptor),
    UseFilters(BusErrorFilter),
  );
}
