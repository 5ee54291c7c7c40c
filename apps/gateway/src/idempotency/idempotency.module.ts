import { PLATFORM_CONFIG } from '#platform';
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyRecordRepository } from './idempotency-record.repository.js';
import { IdempotencySweepPoller } from './idempotency-sweep.poller.js';
import { IDEMPOTENCY_CONFIG, loadIdempotencyConfig } from './idempotency.config.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

/** Idempotency keys on every signed-in mutation, kept in the gateway's schema. */
@Module({
  providers: [
    {
      provide: IDEMPOTENCY_CONFIG,
      useFactory: loadIdempotencyConfig,
      inject: [PLATFORM_CONFIG],
    },
    IdempotencyRecordRepository,
    IdempotencySweepPoller,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
