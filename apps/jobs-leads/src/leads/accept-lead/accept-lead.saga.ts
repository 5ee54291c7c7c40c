import { EscrowApi, penceToPounds, type AcceptLeadReply } from '#contracts';
import { call, EventOutbox, saga, SagaEngine, type SagaDefinition } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRepository } from '../../jobs/job.repository.js';
import type { VendorContact } from '../../offers/lead.entity.js';
import { LeadRepository } from '../../offers/lead.repository.js';

export const ACCEPTED_MESSAGE = 'Lead accepted. Customer contact details now visible.';

export interface AcceptLeadState {
  leadId: string;
  vendorId: string;
  /** The request's key, carried into LEAD_ACCEPTED. */
  idempotencyKey: string | null;
  /**
   * The vendor's name and email from identity, for the customer once the lead is paid for.
   * Optional: runs started before contacts were kept resume without one.
   */
  vendorContact?: VendorContact | null;
  /** The lead's price, read when the offer is claimed. */
  pricePence: number | null;
  reply: AcceptLeadReply | null;
}

/**
 * Accepting a lead: claim the offer → escrow charges the vendor's wallet (`saga:<id>:charge`) →
 * accept locally with LEAD_ACCEPTED. If accepting is refused (the job went, the offer closed),
 * exactly that charge is refunded in full and the claim released; if the charge's outcome stays
 * unknown too long, its refund voids the key so the charge can never land later.
 */
@Injectable()
export class AcceptLeadSaga implements OnModuleInit {
  readonly definition: SagaDefinition<AcceptLeadState, AcceptLeadReply>;

  constructor(
    private readonly engine: SagaEngine,
    leads: LeadRepository,
    jobs: JobRepository,
    outbox: EventOutbox,
  ) {
    this.definition = saga<AcceptLeadState>('accept-lead')
      .local({
        name: 'claim',
        async run(state, { sagaId }) {
          const lead = await leads.findOwn(state.vendorId, state.leadId, { lock: true });
          const job = await jobs.get(lead.jobId);
          return { ...state, pricePence: lead.claim(sagaId, job.status).pricePence };
        },
        async compensate(state, { sagaId }) {
          const lead = await leads.findOwn(state.vendorId, state.leadId, { lock: true });
          lead.releaseClaim(sagaId);
          return state;
        },
      })
      .remote({
        name: 'charge',
        invoke: (state, keys) =>
          call(EscrowApi.chargeLead, {
            lead_id: state.leadId,
            vendor_id: state.vendorId,
            amount: penceToPounds(state.pricePence!),
            idempotency_key: keys.forward,
          }),
        compensate: (state, keys) =>
          call(EscrowApi.refundLead, {
            lead_id: state.leadId,
            charge_key: keys.forward,
            reason: 'acceptance_failed',
          }),
      })
      .local({
        name: 'accept',
        async run(state, { em, sagaId, initiator, now }) {
          const lead = await leads.findOwn(state.vendorId, state.leadId, { lock: true });
          const job = await jobs.get(lead.jobId);
          const { conversationId } = lead.accept(
            sagaId,
            job.status,
            now,
            state.vendorContact ?? null,
          );
          const event = outbox.record(
            em,
            {
              type: 'LEAD_ACCEPTED',
              actor: initiator
                ? { id: initiator.userId, role: initiator.role }
                : { id: state.vendorId, role: 'system' },
              subjectId: lead.id,
              jobId: lead.jobId,
              idempotencyKey: state.idempotencyKey,
              payload: {
                lead_id: lead.id,
                vendor_id: lead.vendorId,
                customer_id: job.customerId,
                conversation_id: conversationId,
              },
            },
            now,
          );
          const reply = {
            lead_id: lead.id,
            conversation_id: conversationId,
            event_id: event.event_id,
            message: ACCEPTED_MESSAGE,
          };
          return { ...state, reply };
        },
      })
      .build((state) => state.reply!);
  }

  onModuleInit(): void {
    this.engine.register(this.definition);
  }
}
