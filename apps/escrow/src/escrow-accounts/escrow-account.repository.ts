import { DomainError, EscrowErrors } from '#contracts';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EscrowAccount } from './escrow-account.entity.js';
import { EscrowMilestone } from './escrow-milestone.entity.js';

/** Escrow accounts as the use cases load them; inside a transaction, in that transaction. */
@Injectable()
export class EscrowAccountRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Serialises, until the transaction ends, everything done under one job's funding key: a
   * funding and its refund (or voiding) never interleave.
   */
  async lockFundKey(jobId: string, fundKey: string): Promise<void> {
    await this.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      `escrow-funding:${jobId}:${fundKey}`,
    ]);
  }

  async isFundingVoided(jobId: string, fundKey: string): Promise<boolean> {
    const rows = await this.em.execute(
      'select 1 from escrow.escrow_funding_void where job_id = ? and fund_key = ?',
      [jobId, fundKey],
    );
    return rows.length > 0;
  }

  /** From now on no funding can be made under this key. */
  async voidFunding(jobId: string, fundKey: string, at: Date): Promise<void> {
    await this.em.execute(
      `insert into escrow.escrow_funding_void (job_id, fund_key, voided_at) values (?, ?, ?)
       on conflict do nothing`,
      [jobId, fundKey, at],
    );
  }

  findByFundKey(fundKey: string, lock = false): Promise<EscrowAccount | null> {
    return this.em.findOne(
      EscrowAccount,
      { fundKey },
      lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
  }

  /** The job's latest escrow: the one holding its money, if a failed award left a refunded one. */
  findForJob(jobId: string): Promise<EscrowAccount | null> {
    return this.em.findOne(EscrowAccount, { jobId }, { orderBy: { id: 'desc' } });
  }

  /** The escrow of the job's customer or awarded vendor; to anyone else it does not exist. */
  async findVisible(
    userId: string,
    where: { id: string } | { jobId: string },
  ): Promise<EscrowAccount> {
    const value = 'id' in where ? where.id : where.jobId;
    const account = isUUID(value)
      ? await this.em.findOne(EscrowAccount, where, { orderBy: { id: 'desc' } })
      : null;
    if (!account?.isVisibleTo(userId)) {
      throw new DomainError(EscrowErrors.ESCROW_NOT_FOUND, 404, 'Escrow not found', where);
    }
    return account;
  }

  milestonesOf(account: EscrowAccount, lock = false): Promise<EscrowMilestone[]> {
    return this.em.find(
      EscrowMilestone,
      { escrowAccountId: account.id },
      { orderBy: { position: 'asc' }, ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
    );
  }
}
