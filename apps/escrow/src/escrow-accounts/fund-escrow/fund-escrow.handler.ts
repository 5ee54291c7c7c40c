import {
  DomainError,
  EscrowErrors,
  penceToPounds,
  poundsToPence,
  type FundEscrowReply,
} from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Ledger, retryOnConflict } from '../../ledger/ledger.repository.js';
import { EscrowAccount } from '../escrow-account.entity.js';
import { EscrowAccountRepository } from '../escrow-account.repository.js';
import {
  assertMilestonesCoverTotal,
  assertMayFundFor,
  fundingTransfer,
  insufficientEscrowBalance,
} from '../escrow-funding.js';
import { EscrowMilestone } from '../escrow-milestone.entity.js';
import { FundEscrowCommand } from './fund-escrow.command.js';

/**
 * Opens the job's escrow with the quote's milestones and moves the amount from the customer's
 * wallet into it, in one transaction. The same key again answers the same funding; a key whose
 * refund came first is void (409); not enough money is 402 ESCROW_INSUFFICIENT_BALANCE.
 */
@CommandHandler(FundEscrowCommand)
export class FundEscrowHandler implements ICommandHandler<FundEscrowCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly accounts: EscrowAccountRepository,
    private readonly ledger: Ledger,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, request }: FundEscrowCommand): Promise<FundEscrowReply> {
    assertMayFundFor(caller, request.customer_id);
    const totalPence = poundsToPence(request.amount);
    const stages = request.milestones.map((stage) => ({
      title: stage.title,
      amountPence: poundsToPence(stage.amount),
    }));
    assertMilestonesCoverTotal(
      totalPence,
      stages.map((stage) => stage.amountPence),
    );
    return retryOnConflict(() =>
      this.em.transactional(async (em) => {
        await this.accounts.lockFundKey(request.job_id, request.idempotency_key);
        const existing = await this.accounts.findByFundKey(request.idempotency_key);
        if (existing) {
          const replayed = await this.ledger.post(em, fundingTransfer(existing));
          return this.reply(existing, replayed.transactionId);
        }
        if (await this.accounts.isFundingVoided(request.job_id, request.idempotency_key)) {
          throw new DomainError(
            EscrowErrors.ESCROW_FUNDING_VOIDED,
            409,
            'This funding was cancelled before it was made',
          );
        }
        const now = this.clock.now();
        const account = EscrowAccount.openFunded(
          {
            jobId: request.job_id,
            quoteId: request.quote_id,
            customerId: request.customer_id,
            vendorId: request.vendor_id,
            totalPence,
            fundKey: request.idempotency_key,
          },
          now,
        );
        const milestones = EscrowMilestone.plan(account.id, stages, now);
        // The stages refer to the account by a plain id, so the unit of work cannot tell that the
        // account must be inserted first: it gets its own flush.
        em.persist(account);
        await em.flush();
        em.persist(milestones);
        await em.flush();
        const posted = await this.ledger
          .post(em, fundingTransfer(account))
          .catch((error: unknown) => {
            if (error instanceof DomainError && error.code === EscrowErrors.INSUFFICIENT_FUNDS) {
              throw insufficientEscrowBalance(error.details);
            }
            throw error;
          });
        this.record(em, account, milestones, posted.transactionId, now);
        return this.reply(account, posted.transactionId);
      }),
    );
  }

  private record(
    em: EntityManager,
    account: EscrowAccount,
    milestones: EscrowMilestone[],
    transactionId: string,
    now: Date,
  ): void {
    const actor = { id: account.customerId, role: 'customer' as const };
    const parties = { customer_id: account.customerId, vendor_id: account.vendorId };
    this.outbox.record(
      em,
      {
        type: 'ESCROW_CREATED',
        actor,
        subjectId: account.id,
        jobId: account.jobId,
        payload: {
          escrow_account_id: account.id,
          job_id: account.jobId,
          quote_id: account.quoteId,
          ...parties,
          total: penceToPounds(account.totalPence),
          milestones: milestones.map((milestone) => ({
            milestone_id: milestone.id,
            title: milestone.title,
            amount: penceToPounds(milestone.amountPence),
          })),
        },
      },
      now,
    );
    this.outbox.record(
      em,
      {
        type: 'ESCROW_FUNDED',
        actor,
        subjectId: account.id,
        jobId: account.jobId,
        payload: {
          escrow_account_id: account.id,
          ...parties,
          transaction_id: transactionId,
          amount: penceToPounds(account.fundedPence),
        },
      },
      now,
    );
  }

  private reply(account: EscrowAccount, transactionId: string): FundEscrowReply {
    return {
      escrow_account_id: account.id,
      job_id: account.jobId,
      transaction_id: transactionId,
      funded: penceToPounds(account.fundedPence),
    };
  }
}
