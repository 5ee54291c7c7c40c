import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HttpErrorFilter } from './http-error.filter.js';

/** The one error format of the HTTP edge. */
@Module({ providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }] })
export class HttpEdgeModule {}
