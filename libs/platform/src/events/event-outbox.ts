import {
  EVENT_ENVELOPE_VERSION,
  eventSubject,
  type ActorRole,
  type EventEnvelope,
  type EventType,
} from '#contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG } from '../config/tokens.js';
import { currentCausationId, currentCorrelationId } from '../correlation/correlation-context.js';
import { OutboxMessage } from './outbox-message.entity.js';

export interface NewDomainEvent<TPayload extends object> {
  type: EventType;
  actor: { id: string; role: ActorRole };
  subject: { type: string; id: string };
  jobId: string | null;
  payload: TPayload;
  idempotencyKey?: string | null;
}

/**
 * Records domain events in the outbox of the caller's unit of work, so an event exists if and
 * only if the state change that caused it was committed.
 */
@Injectable()
export class EventOutbox {
  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {}

  record<TPayload extends object>(
    em: EntityManager,
    event: NewDomainEvent<TPayload>,
    now: Date = new Date(),
  ): EventEnvelope<TPayload> {
    const envelope: EventEnvelope<TPayload> = {
      event_id: uuidv7({ msecs: now.getTime() }),
      event_type: event.type,
      version: EVENT_ENVELOPE_VERSION,
      occurred_at: now.toISOString(),
      actor: event.actor,
      subject: event.subject,
      job_id: event.jobId,
      correlation_id: currentCorrelationId() ?? randomUUID(),
      causation_id: currentCausationId(),
      idempotency_key: event.idempotencyKey ?? null,
      payload: event.payload,
    };
    em.persist(
      em.create(OutboxMessage, {
        id: envelope.event_id,
        subject: eventSubject(this.config.serviceName, event.type),
        envelope: envelope as EventEnvelope,
        createdAt: now,
      }),
    );
    return envelope;
  }
}
