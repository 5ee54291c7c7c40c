import {
  CommonErrors,
  CORRELATION_ID_HEADER,
  DomainError,
  isBusErrorPayload,
  type AnyEndpoint,
  type BusRequest,
  type Endpoint,
  type ReplyOf,
  type RequestOf,
  type ServicePrincipal,
  type UserPrincipal,
} from '#contracts';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ClientNats, NatsRecordBuilder } from '@nestjs/microservices';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { headers } from '@nats-io/nats-core';
import { randomUUID } from 'node:crypto';
import type { Histogram } from 'prom-client';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG } from '../config/tokens.js';
import { currentCorrelationId } from '../correlation/correlation-context.js';
import { errorClass, Metrics, startTimer } from '../metrics/metrics.js';
import { natsConnectionOptions } from '../nats/nats-connection.js';

/** An endpoint that a service may call as itself. */
type ServiceEndpoint = Endpoint<object, unknown, ServicePrincipal>;
/** An endpoint that the gateway calls for a signed-in user. */
type UserEndpoint = Endpoint<object, unknown, UserPrincipal>;

export interface BusRequestOptions {
  /**
   * A deadline shorter than `BUS_TIMEOUT_MS`, for a caller that would rather do without the
   * answer (a dashboard part) than wait for it; past it the request is 504 UPSTREAM_TIMEOUT.
   */
  timeoutMs?: number;
}

/**
 * Request/reply over NATS to another service's endpoint. Every request carries the correlation
 * id header and has a deadline; what comes back as an error is always a DomainError the gateway
 * can map. The reply type is the endpoint's.
 */
@Injectable()
export class BusClient implements OnModuleInit, OnApplicationShutdown {
  private readonly client: ClientNats;
  private readonly duration: Histogram<'subject' | 'outcome'>;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    metrics: Metrics,
  ) {
    this.duration = metrics.histogram({
      name: 'tradematch_bus_request_duration_seconds',
      help: 'Bus requests this app sent, by subject and outcome (ok, 4xx, 5xx, timeout, unavailable, error)',
      labelNames: ['subject', 'outcome'],
    });
    this.client = new ClientNats(natsConnectionOptions(config, 'bus-client'));
  }

  async onModuleInit(): Promise<void> {
    await this.client.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }

  /** Calls `endpoint` as this service, for `onBehalfOf` when it acts for a user. */
  send<E extends ServiceEndpoint & AnyEndpoint>(
    endpoint: E,
    data: RequestOf<E>,
    onBehalfOf?: UserPrincipal,
  ): Promise<ReplyOf<E>> {
    const principal: ServicePrincipal = {
      role: 'service',
      service: this.config.serviceName,
      ...(onBehalfOf ? { on_behalf_of: onBehalfOf } : {}),
    };
    return this.request(endpoint.subject, { principal, data });
  }

  /** Calls `endpoint` for the signed-in user the gateway authenticated. */
  sendAs<E extends UserEndpoint & AnyEndpoint>(
    principal: UserPrincipal,
    endpoint: E,
    data: RequestOf<E>,
    options: BusRequestOptions = {},
  ): Promise<ReplyOf<E>> {
    return this.request(endpoint.subject, { principal, data }, options);
  }

  private async request<TReply>(
    subject: string,
    request: BusRequest,
    { timeoutMs = this.config.busTimeoutMs }: BusRequestOptions = {},
  ): Promise<TReply> {
    const requestHeaders = headers();
    requestHeaders.set(CORRELATION_ID_HEADER, currentCorrelationId() ?? randomUUID());
    const record = new NatsRecordBuilder(request).setHeaders(requestHeaders).build();
    const elapsed = startTimer();
    let outcome = 'ok';
    try {
      return await firstValueFrom(
        this.client.send<TReply>(subject, record).pipe(timeout(timeoutMs)),
      );
    } catch (error) {
      const failure = toDomainError(error, subject);
      outcome = requestOutcome(error, failure);
      throw failure;
    } finally {
      this.duration.observe({ subject, outcome }, elapsed());
    }
  }
}

/** Our own deadline and "no replica" are told apart from what the service answered. */
function requestOutcome(raw: unknown, failure: Error): string {
  if (raw instanceof TimeoutError) return 'timeout';
  if (raw instanceof EmptyResponseException) return 'unavailable';
  return failure instanceof DomainError ? errorClass(failure) : 'error';
}

function toDomainError(error: unknown, subject: string): Error {
  if (error instanceof DomainError) return error;
  if (isBusErrorPayload(error)) return DomainError.fromPayload(error);
  if (error instanceof TimeoutError) {
    return new DomainError(
      CommonErrors.UPSTREAM_TIMEOUT,
      504,
      'The service did not answer in time',
      {
        upstream: subject,
      },
    );
  }
  if (error instanceof EmptyResponseException) {
    return new DomainError(CommonErrors.UPSTREAM_UNAVAILABLE, 503, 'The service is not available', {
      upstream: subject,
    });
  }
  return error instanceof Error
    ? error
    : new Error(`Bus request to ${subject} failed: ${String(error)}`);
}
