import {
  assertRole,
  conversationIdForLead,
  DEFAULT_PAGE_SIZE,
  DomainError,
  ErrorCode,
  penceToPounds,
  Subjects,
  type AcceptLeadCommand,
  type AcceptLeadReply,
  type DeclineLeadCommand,
  type DeclineLeadReply,
  type LeadAcceptedPayload,
  type LeadChargeReply,
  type LeadDeclinedPayload,
  type PageRequest,
  type Principal,
  type VendorLeadListView,
  type VendorLeadView,
} from '#contracts';
import { BusClient, EventOutbox, ROOT_LOGGER } from '#platform';
import { CreateRequestContext } from '@mikro-orm/decorators/legacy';
import { EntityManager, LockMode, MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { isUUID } from 'class-validator';
import { Job } from '../jobs/job.entity.js';
import { Lead } from './lead.entity.js';
import { nextLeadStatus } from './lead-lifecycle.js';
import { toVendorLeadView } from './lead-preview.js';

const ACCEPTED_MESSAGE = 'Lead accepted. Customer contact details now visible.';
const REFUND_ATTEMPTS = 5;

/** A vendor's own leads. Another vendor's lead answers exactly like one that does not exist. */
@Injectable()
export class LeadsService {
  private readonly logger: Logger;

  constructor(
    readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly bus: BusClient,
    private readonly outbox: EventOutbox,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.logger = rootLogger.child({ context: 'LeadsService' });
  }

  @CreateRequestContext()
  async listOwn(principal: Principal, page: PageRequest): Promise<VendorLeadListView> {
    assertRole(principal, ['vendor']);
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const leads = await this.em.find(
      Lead,
      { vendorId: principal.userId, ...(page.cursor ? { id: { $lt: page.cursor } } : {}) },
      { orderBy: { id: 'desc' }, limit: limit + 1 },
    );
    const pageOfLeads = leads.slice(0, limit);
    const jobs = await this.em.find(Job, { id: { $in: pageOfLeads.map((lead) => lead.jobId) } });
    const jobById = new Map(jobs.map((job) => [job.id, job]));
    return {
      leads: pageOfLeads.map((lead) => toVendorLeadView(lead, jobById.get(lead.jobId)!)),
      next_cursor: leads.length > limit ? pageOfLeads[pageOfLeads.length - 1].id : null,
    };
  }

  @CreateRequestContext()
  async get(principal: Principal, leadId: string): Promise<VendorLeadView> {
    assertRole(principal, ['vendor']);
    const lead = await this.findOwn(this.em, principal, leadId);
    return toVendorLeadView(lead, await this.em.findOneOrFail(Job, { id: lead.jobId }));
  }

  /**
   * Pays the lead's price from the vendor's wallet (escrow), then accepts it here. Each attempt
   * pays under its own key and escrow holds one unrefunded charge per lead, so of many parallel
   * accepts exactly one pays; if the local step then fails, the payment is refunded in full.
   */
  @CreateRequestContext()
  async accept(principal: Principal, command: AcceptLeadCommand): Promise<AcceptLeadReply> {
    assertRole(principal, ['vendor']);
    const claim = await this.em.fork().transactional(async (em) => {
      const lead = await this.findOwn(em, principal, command.lead_id, true);
      if (lead.status === 'accepted') {
        return {
          replay: this.replayOrConflict(lead, command.idempotency_key),
          attempt: 0,
          pricePence: 0,
        };
      }
      nextLeadStatus(lead.status, 'accept');
      const job = await em.findOneOrFail(Job, { id: lead.jobId });
      if (job.status !== 'live') {
        throw new DomainError(
          ErrorCode.LEAD_NOT_OFFERED,
          409,
          `The job is ${job.status}, no longer on offer`,
        );
      }
      lead.acceptAttempts += 1;
      return { replay: null, attempt: lead.acceptAttempts, pricePence: lead.pricePence };
    });
    if (claim.replay) return claim.replay;

    try {
      await this.bus.request<LeadChargeReply>(Subjects.escrow.chargeLead, {
        principal,
        data: {
          lead_id: command.lead_id,
          vendor_id: principal.userId,
          amount: penceToPounds(claim.pricePence),
          idempotency_key: `lead-accept:${command.lead_id}:${claim.attempt}`,
        },
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.LEAD_ALREADY_CHARGED) {
        return this.awaitOtherAcceptance(principal, command);
      }
      throw error;
    }

    try {
      return await this.markAccepted(principal, command);
    } catch (error) {
      await this.refundFailedAcceptance(principal, command.lead_id);
      throw error;
    }
  }

  @CreateRequestContext()
  async decline(principal: Principal, command: DeclineLeadCommand): Promise<DeclineLeadReply> {
    assertRole(principal, ['vendor']);
    return this.em.fork().transactional(async (em) => {
      const lead = await this.findOwn(em, principal, command.lead_id, true);
      lead.status = nextLeadStatus(lead.status, 'decline');
      lead.declineReason = command.reason;
      const event = this.outbox.record<LeadDeclinedPayload>(em, {
        type: 'LEAD_DECLINED',
        actor: { id: principal.userId, role: principal.role },
        subject: { type: 'lead', id: lead.id },
        jobId: lead.jobId,
        payload: { lead_id: lead.id, vendor_id: lead.vendorId, reason: command.reason },
      });
      return { lead_id: lead.id, status: 'declined', event_id: event.event_id };
    });
  }

  private async markAccepted(
    principal: Principal,
    command: AcceptLeadCommand,
  ): Promise<AcceptLeadReply> {
    return this.em.fork().transactional(async (em) => {
      const lead = await this.findOwn(em, principal, command.lead_id, true);
      const job = await em.findOneOrFail(Job, { id: lead.jobId });
      lead.status = nextLeadStatus(lead.status, 'accept');
      if (job.status !== 'live') {
        throw new DomainError(
          ErrorCode.LEAD_NOT_OFFERED,
          409,
          `The job is ${job.status}, no longer on offer`,
        );
      }
      lead.acceptedAt = new Date();
      lead.conversationId = conversationIdForLead(lead.id);
      lead.acceptIdempotencyKey = command.idempotency_key ?? null;
      const event = this.outbox.record<LeadAcceptedPayload>(em, {
        type: 'LEAD_ACCEPTED',
        actor: { id: principal.userId, role: principal.role },
        subject: { type: 'lead', id: lead.id },
        jobId: lead.jobId,
        idempotencyKey: command.idempotency_key,
        payload: {
          lead_id: lead.id,
          vendor_id: lead.vendorId,
          customer_id: job.customerId,
          conversation_id: lead.conversationId,
        },
      });
      lead.acceptEventId = event.event_id;
      return {
        lead_id: lead.id,
        conversation_id: lead.conversationId,
        event_id: event.event_id,
        message: ACCEPTED_MESSAGE,
      };
    });
  }

  /**
   * Another attempt holds the lead's only charge. With the same idempotency key it is this very
   * request retried: wait briefly for it to finish and answer as it did.
   */
  private async awaitOtherAcceptance(
    principal: Principal,
    command: AcceptLeadCommand,
  ): Promise<AcceptLeadReply> {
    for (let poll = 0; command.idempotency_key && poll < 20; poll++) {
      const lead = await this.findOwn(this.em.fork(), principal, command.lead_id);
      if (lead.status === 'accepted') return this.replayOrConflict(lead, command.idempotency_key);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new DomainError(
      ErrorCode.LEAD_ALREADY_ACCEPTED,
      409,
      'This lead has already been accepted',
    );
  }

  private replayOrConflict(lead: Lead, idempotencyKey: string | undefined): AcceptLeadReply {
    if (idempotencyKey && lead.acceptIdempotencyKey === idempotencyKey && lead.acceptEventId) {
      return {
        lead_id: lead.id,
        conversation_id: lead.conversationId!,
        event_id: lead.acceptEventId,
        message: ACCEPTED_MESSAGE,
      };
    }
    throw new DomainError(
      ErrorCode.LEAD_ALREADY_ACCEPTED,
      409,
      'This lead has already been accepted',
    );
  }

  /** Compensation: retried, and loudly reported if escrow cannot be reached at all. */
  private async refundFailedAcceptance(principal: Principal, leadId: string): Promise<void> {
    for (let attempt = 1; attempt <= REFUND_ATTEMPTS; attempt++) {
      try {
        await this.bus.request(Subjects.escrow.refundLead, {
          principal,
          data: { lead_id: leadId, reason: 'acceptance_failed' },
        });
        return;
      } catch (error) {
        this.logger.error(
          { err: error, lead_id: leadId, attempt },
          'refund of a failed lead acceptance failed',
        );
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  private async findOwn(
    em: EntityManager,
    principal: Principal,
    leadId: string,
    lock = false,
  ): Promise<Lead> {
    const lead = isUUID(leadId)
      ? await em.findOne(
          Lead,
          { id: leadId, vendorId: principal.userId },
          lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
        )
      : null;
    if (!lead)
      throw new DomainError(ErrorCode.LEAD_NOT_FOUND, 404, 'Lead not found', { lead_id: leadId });
    return lead;
  }
}
