import {
  DomainError,
  EscrowErrors,
  type AcceptLeadInput,
  type AcceptLeadReply,
  type UserPrincipal,
} from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobRepository } from '../../jobs/job.repository.js';
import { leadAlreadyAccepted } from '../../offers/lead-lifecycle.js';
import type { AcceptanceAttempt, AcceptanceRecord } from '../../offers/lead.entity.js';
import { LeadRepository } from '../../offers/lead.repository.js';
import { LeadPayments } from '../lead-payments.adapter.js';
import { AcceptLeadCommand } from './accept-lead.command.js';

const ACCEPTED_MESSAGE = 'Lead accepted. Customer contact details now visible.';
/** A retry of an acceptance in flight waits this long (polls × interval) for it to finish. */
const REPLAY_POLLS = 20;
const REPLAY_POLL_MS = 100;

type Claim = { replay: AcceptLeadReply } | { attempt: AcceptanceAttempt };

/**
 * Pay, then accept. Each attempt pays under its own key and escrow holds one unrefunded charge
 * per lead, so of many parallel accepts exactly one pays; if the local step then fails, that
 * very charge is refunded in full and the lead stays on offer.
 */
@CommandHandler(AcceptLeadCommand)
export class AcceptLeadHandler implements ICommandHandler<AcceptLeadCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly leads: LeadRepository,
    private readonly jobs: JobRepository,
    private readonly payments: LeadPayments,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ vendor, request }: AcceptLeadCommand): Promise<AcceptLeadReply> {
    const claim = await this.claim(vendor, request);
    if ('replay' in claim) return claim.replay;

    try {
      await this.payments.charge(vendor, claim.attempt);
    } catch (error) {
      if (error instanceof DomainError && error.code === EscrowErrors.LEAD_ALREADY_CHARGED) {
        return this.awaitOtherAcceptance(vendor, request);
      }
      throw error;
    }

    try {
      return await this.markAccepted(vendor, request);
    } catch (error) {
      await this.payments.refundFailedAcceptance(vendor, claim.attempt);
      throw error;
    }
  }

  /** Locks the lead, checks it is on offer (or answers a replay) and counts an attempt. */
  private claim(vendor: UserPrincipal<'vendor'>, request: AcceptLeadInput): Promise<Claim> {
    return this.em.fork().transactional(async () => {
      const lead = await this.leads.findOwn(vendor.userId, request.lead_id, { lock: true });
      if (lead.isAccepted()) {
        return { replay: toReply(lead.replayAcceptance(request.idempotency_key)) };
      }
      const job = await this.jobs.get(lead.jobId);
      return { attempt: lead.beginAcceptance(job.status) };
    });
  }

  private markAccepted(
    vendor: UserPrincipal<'vendor'>,
    request: AcceptLeadInput,
  ): Promise<AcceptLeadReply> {
    return this.em.fork().transactional(async (em) => {
      const lead = await this.leads.findOwn(vendor.userId, request.lead_id, { lock: true });
      const job = await this.jobs.get(lead.jobId);
      const now = this.clock.now();
      const accepted = lead.accept(job.status, request.idempotency_key ?? null, now);
      const event = this.outbox.record(
        em,
        {
          type: 'LEAD_ACCEPTED',
          actor: { id: vendor.userId, role: vendor.role },
          subjectId: lead.id,
          jobId: lead.jobId,
          idempotencyKey: request.idempotency_key,
          payload: {
            lead_id: lead.id,
            vendor_id: lead.vendorId,
            customer_id: job.customerId,
            conversation_id: accepted.conversationId,
          },
        },
        now,
      );
      lead.recordAcceptanceEvent(event.event_id);
      return toReply({
        leadId: lead.id,
        conversationId: accepted.conversationId,
        eventId: event.event_id,
      });
    });
  }

  /**
   * Another attempt holds the lead's only charge. With the same idempotency key it is this very
   * request retried: wait briefly for it to finish and answer as it did.
   */
  private async awaitOtherAcceptance(
    vendor: UserPrincipal<'vendor'>,
    request: AcceptLeadInput,
  ): Promise<AcceptLeadReply> {
    for (let poll = 0; request.idempotency_key && poll < REPLAY_POLLS; poll++) {
      const lead = await this.leads.findOwn(vendor.userId, request.lead_id, { refresh: true });
      if (lead.isAccepted()) return toReply(lead.replayAcceptance(request.idempotency_key));
      await sleep(REPLAY_POLL_MS);
    }
    throw leadAlreadyAccepted();
  }
}

function toReply(acceptance: AcceptanceRecord): AcceptLeadReply {
  return {
    lead_id: acceptance.leadId,
    conversation_id: acceptance.conversationId,
    event_id: acceptance.eventId,
    message: ACCEPTED_MESSAGE,
  };
}
