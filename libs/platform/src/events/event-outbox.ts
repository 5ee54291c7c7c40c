import {
  EVENT_CATALOGUE,
  EVENT_ENVELOPE_VERSION,
  eventSubject,
  type ActorRole,
  type EventEnvelope,
  type EventPayloads,
  type EventType,
} from '#contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG } from '../config/tokens.js';
import { currentCausationId, currentCorrelationId } from '../correlation/correlation-context.js';
import { CLOCK, type Clock } from '../time/clock.js';
import { OutboxCommitHook } from './outbox-commit-hook.js';
import { OutboxMessage } from './outbox-message.entity.js';

/** An event to record; its subject's kind comes from the catalogue. */
export interface NewDomainEvent<T extends EventType> {
  type: T;
  actor: { id: string; role: ActorRole };
  /** The id of the aggregate the event is about (a job, a lead ...). */
  subjectId: string;
  jobId: string | null;
  payload: EventPayloads[T];
  idempotencyKey?: string | null;
}

/**
 * Records domain events in the outbox of the caller's unit of work, so an event exists if and
 * only if the state change that caused it was committed. A service records its own events only.
 * Without a commit hook (a command-line tool) the running services' relays publish them.
 */
@Injectable()
export class EventOutbox {
  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly commitHook?: OutboxCommitHook,
  ) {}

  /** `now` is the time of the state change; the clock's when not given. */
  record<T extends EventType>(
    em: EntityManager,
    event: NewDomainEvent<T>,
    now: Date = this.clock.now(),
  ): EventEnvelope<T> {
    const entry = EVENT_CATALOGUE[event.type];
    if (entry.producer !== this.config.serviceName) {
      throw new Error(`${this.config.serviceName} may not record ${event.type}`);
    }
    const envelope = {
      event_id: uuidv7({ msecs: now.getTime() }),
      event_type: event.type,
      version: EVENT_ENVELOPE_VERSION,
      occurred_at: now.toISOString(),
      actor: event.actor,
      subject: { type: entry.subject, id: event.subjectId },
      job_id: event.jobId,
      correlation_id: currentCorrelationId() ?? randomUUID(),
      causation_id: currentCausationId(),
      idempotency_key: event.idempotencyKey ?? null,
      payload: event.payload,
    } as EventEnvelope<T>;
    const subject = eventSubject(this.config.serviceName, event.type);
    em.persist(
      em.create(OutboxMessage, { id: envelope.event_id, subject, envelope, createdAt: now }),
    );
    this.commitHook?.add(em, {
      id: envelope.event_id,
      subject,
      correlationId: envelope.correlation_id,
      body: JSON.stringify(envelope),
    });
    return envelope;
  }
}
