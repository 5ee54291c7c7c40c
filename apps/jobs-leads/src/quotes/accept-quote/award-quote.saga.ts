import { EscrowApi, penceToPounds, type AcceptQuoteReply } from '#contracts';
import { call, EventOutbox, saga, SagaEngine, type SagaDefinition } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job } from '../../jobs/job.entity.js';
import { JobRepository } from '../../jobs/job.repository.js';
import { LeadRepository } from '../../offers/lead.repository.js';
import type { Quote } from '../quote.entity.js';
import type { QuoteMilestone } from '../quote-milestones.js';
import { QuoteRepository, quoteNotFound } from '../quote.repository.js';

export const AWARDED_MESSAGE = 'Quote accepted! Job is now in progress.';
const LOST_TO_ANOTHER_QUOTE = 'Another quote was accepted';

export interface AwardQuoteState {
  quoteId: string;
  customerId: string;
  /** Read when the job is reserved. */
  award: {
    jobId: string;
    vendorId: string;
    amountPence: number;
    milestones: QuoteMilestone[];
  } | null;
  escrowAccountId: string | null;
  reply: AcceptQuoteReply | null;
}

/**
 * Accepting a quote (DESIGN's AwardQuoteSaga): reserve the job for the quote (job `awarding`,
 * quote `accepting`; a second acceptance is 409 JOB_ALREADY_AWARDED) → escrow opens the job's
 * account and moves the amount from the customer's wallet (`saga:<id>:fund`) → award locally.
 * Refused funding (402) releases the reservation; a refused award refunds the funding first.
 */
@Injectable()
export class AwardQuoteSaga implements OnModuleInit {
  readonly definition: SagaDefinition<AwardQuoteState, AcceptQuoteReply>;

  constructor(
    private readonly engine: SagaEngine,
    jobs: JobRepository,
    leads: LeadRepository,
    quotes: QuoteRepository,
    outbox: EventOutbox,
  ) {
    /** The customer's job and the quote, locked in that order (as every quote use case does). */
    const load = async (state: AwardQuoteState): Promise<{ job: Job; quote: Quote }> => {
      const found = await quotes.get(state.quoteId);
      const job = (await jobs.find(found.jobId, { lock: true }))!;
      if (job.customerId !== state.customerId) throw quoteNotFound(state.quoteId);
      return { job, quote: await quotes.get(found.id, { lock: true }) };
    };
    this.definition = saga<AwardQuoteState>('award-quote')
      .local({
        name: 'reserve',
        async run(state, { now }) {
          const { job, quote } = await load(state);
          job.reserveAward(now);
          quote.reserve(now);
          const award = {
            jobId: job.id,
            vendorId: quote.vendorId,
            amountPence: quote.amountPence,
            milestones: quote.milestones,
          };
          return { ...state, award };
        },
        async compensate(state, { now }) {
          const { job, quote } = await load(state);
          quote.release(now);
          job.releaseAward(now);
          return state;
        },
      })
      .remote({
        name: 'fund',
        invoke: ({ quoteId, customerId, award }, keys) =>
          call(EscrowApi.fundEscrow, {
            job_id: award!.jobId,
            quote_id: quoteId,
            customer_id: customerId,
            vendor_id: award!.vendorId,
            amount: penceToPounds(award!.amountPence),
            milestones: award!.milestones.map((stage) => ({
              title: stage.title,
              amount: penceToPounds(stage.amountPence),
            })),
            idempotency_key: keys.forward,
          }),
        onReply: (state, reply) => ({ ...state, escrowAccountId: reply.escrow_account_id }),
        compensate: (state, keys) =>
          call(EscrowApi.refundEscrow, {
            job_id: state.award!.jobId,
            fund_key: keys.forward,
            reason: 'award_failed',
          }),
      })
      .local({
        name: 'award',
        async run(state, { em, now }) {
          const { job, quote } = await load(state);
          const others = (await quotes.ofJob(job.id, { lock: true })).filter(
            (other) => other.id !== quote.id && other.status === 'pending',
          );
          quote.accept(now);
          for (const other of others) other.reject(LOST_TO_ANOTHER_QUOTE, now);
          job.award(now);
          const winner = (await leads.ofJobForUpdate(job.id)).map((lead) => {
            if (lead.id === quote.leadId) lead.win();
            else if (lead.isOnOffer() || lead.isAccepted()) lead.lose();
            return lead;
          });
          const lead = winner.find((candidate) => candidate.id === quote.leadId)!;
          const actor = { id: job.customerId, role: 'customer' as const };
          const accepted = outbox.record(
            em,
            {
              type: 'QUOTE_ACCEPTED',
              actor,
              subjectId: quote.id,
              jobId: job.id,
              payload: {
                quote_id: quote.id,
                lead_id: lead.id,
                vendor_id: quote.vendorId,
                customer_id: job.customerId,
                conversation_id: lead.conversationId!,
                amount: penceToPounds(quote.amountPence),
                escrow_account_id: state.escrowAccountId!,
              },
            },
            now,
          );
          outbox.record(
            em,
            {
              type: 'JOB_IN_PROGRESS',
              actor,
              subjectId: job.id,
              jobId: job.id,
              payload: {
                customer_id: job.customerId,
                vendor_id: quote.vendorId,
                quote_id: quote.id,
                escrow_account_id: state.escrowAccountId!,
              },
            },
            now,
          );
          const reply: AcceptQuoteReply = {
            quote_id: quote.id,
            job_id: job.id,
            escrow_account_id: state.escrowAccountId!,
            status: 'accepted',
            event_id: accepted.event_id,
            message: AWARDED_MESSAGE,
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
