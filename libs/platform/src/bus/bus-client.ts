import {
  CORRELATION_ID_HEADER,
  DomainError,
  ErrorCode,
  isBusErrorPayload,
  type BusRequest,
  type UnauthenticatedBusRequest,
} from '#contracts';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ClientNats, NatsRecordBuilder } from '@nestjs/microservices';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { headers } from '@nats-io/nats-core';
import { randomUUID } from 'node:crypto';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG } from '../config/tokens.js';
import { currentCorrelationId } from '../correlation/correlation-context.js';

/**
 * Request/reply over NATS to another service. Every request carries the correlation id header
 * and has a deadline; what comes back as an error is always a DomainError the gateway can map.
 */
@Injectable()
export class BusClient implements OnModuleInit, OnApplicationShutdown {
  private readonly client: ClientNats;

  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {
    this.client = new ClientNats({
      servers: config.natsUrl,
      name: `${config.serviceName}-bus-client`,
      maxReconnectAttempts: -1,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.client.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }

  async request<TReply, TData = unknown>(
    subject: string,
    request: BusRequest<TData> | UnauthenticatedBusRequest<TData>,
  ): Promise<TReply> {
    const requestHeaders = headers();
    requestHeaders.set(CORRELATION_ID_HEADER, currentCorrelationId() ?? randomUUID());
    const record = new NatsRecordBuilder(request).setHeaders(requestHeaders).build();
    try {
      return await firstValueFrom(
        this.client.send<TReply>(subject, record).pipe(timeout(this.config.busTimeoutMs)),
      );
    } catch (error) {
      throw toDomainError(error, subject);
    }
  }
}

function toDomainError(error: unknown, subject: string): Error {
  if (error instanceof DomainError) return error;
  if (isBusErrorPayload(error)) return DomainError.fromPayload(error);
  if (error instanceof TimeoutError) {
    return new DomainError(ErrorCode.UPSTREAM_TIMEOUT, 504, 'The service did not answer in time', {
      upstream: subject,
    });
  }
  if (error instanceof EmptyResponseException) {
    return new DomainError(ErrorCode.UPSTREAM_UNAVAILABLE, 503, 'The service is not available', {
      upstream: subject,
    });
  }
  return error instanceof Error
    ? error
    : new Error(`Bus request to ${subject} failed: ${String(error)}`);
}
