import type { EventEnvelope } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { payloadString } from '../event-log/job-audience.js';
import { JobParticipantsRepository } from '../event-log/job-participants.repository.js';
import { RecipientsRepository } from '../recipients/recipients.repository.js';
import type { Audience } from './notification-rule.js';

/**
 * An audience the events seen so far cannot name yet: the event that reveals it (an offer for an
 * expiry, any event of the job for its customer) is still on its way. It is no DomainError, so
 * the consumer retries the event with backoff until it can be told to the right people.
 */
export class AudienceNotKnownYet extends Error {
  constructor(event: EventEnvelope, missing: string) {
    super(`${event.event_type} ${event.event_id}: ${missing} is not known yet`);
  }
}

/** Who an audience of the rules table is, for one event. */
@Injectable()
export class AudienceRepository {
  constructor(
    private readonly participants: JobParticipantsRepository,
    private readonly recipients: RecipientsRepository,
  ) {}

  async resolve(em: EntityManager, event: EventEnvelope, audience: Audience): Promise<string[]> {
    switch (audience) {
      case 'customer':
        return [await this.customer(em, event)];
      case 'vendor':
        return [await this.vendor(em, event)];
      case 'other_vendors': {
        if (event.job_id === null) return [];
        const winner = payloadString(event.payload, 'vendor_id');
        const leads = await this.participants.acceptedLeads(em, event.job_id);
        return unique(leads.map((lead) => lead.vendorId).filter((id) => id !== winner));
      }
      case 'cancelled_vendors':
        return event.event_type === 'JOB_CANCELLED'
          ? this.vendorsOfLeads(em, event, event.payload.accepted_lead_ids)
          : [];
      case 'owner': {
        const owner =
          payloadString(event.payload, 'owner_id') ?? payloadString(event.payload, 'vendor_id');
        return owner ? [owner] : [];
      }
      case 'counterpart':
        return event.event_type === 'MESSAGE_SENT' ? [await this.counterpart(em, event)] : [];
      case 'account': {
        const user = payloadString(event.payload, 'user_id');
        return user ? [user] : [];
      }
      case 'admins':
        return this.recipients.admins(em);
    }
  }

  private async customer(em: EntityManager, event: EventEnvelope): Promise<string> {
    const named = payloadString(event.payload, 'customer_id');
    if (named) return named;
    const known = event.job_id && (await this.participants.customerOf(em, event.job_id));
    if (!known) throw new AudienceNotKnownYet(event, "the job's customer");
    return known;
  }

  private async vendor(em: EntityManager, event: EventEnvelope): Promise<string> {
    const named = payloadString(event.payload, 'vendor_id');
    if (named) return named;
    const lead =
      event.subject.type === 'lead' ? await this.participants.lead(em, event.subject.id) : null;
    if (!lead) throw new AudienceNotKnownYet(event, "the lead's vendor");
    return lead.vendorId;
  }

  private async vendorsOfLeads(
    em: EntityManager,
    event: EventEnvelope,
    leadIds: readonly string[],
  ): Promise<string[]> {
    const vendors: string[] = [];
    for (const leadId of leadIds) {
      const lead = await this.participants.lead(em, leadId);
      if (!lead) throw new AudienceNotKnownYet(event, `lead ${leadId}`);
      vendors.push(lead.vendorId);
    }
    return unique(vendors);
  }

  /** The participant of the conversation who did not send the message. */
  private async counterpart(
    em: EntityManager,
    event: EventEnvelope<'MESSAGE_SENT'>,
  ): Promise<string> {
    const lead = await this.participants.leadOfConversation(em, event.payload.conversation_id);
    if (!lead) throw new AudienceNotKnownYet(event, "the conversation's lead");
    if (event.payload.sender_role === 'vendor') {
      const customer = await this.participants.customerOf(em, lead.jobId);
      if (!customer) throw new AudienceNotKnownYet(event, "the job's customer");
      return customer;
    }
    return lead.vendorId;
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
