import {
  DEFAULT_PAGE_SIZE,
  DomainError,
  JobsErrors,
  type PageRequest,
  type UserPrincipal,
} from '#contracts';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Job } from './job.entity.js';

/** Jobs as the use cases load them; inside a transaction, in that transaction. */
@Injectable()
export class JobRepository {
  constructor(private readonly em: EntityManager) {}

  /** Someone else's job answers exactly like a job that does not exist, so ids cannot be probed. */
  async findVisible(
    viewer: UserPrincipal,
    jobId: string,
    options: { lock?: boolean } = {},
  ): Promise<Job> {
    const job = isUUID(jobId)
      ? await this.em.findOne(
          Job,
          { id: jobId },
          options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
        )
      : null;
    if (!job || !job.isVisibleTo(viewer)) {
      throw new DomainError(JobsErrors.JOB_NOT_FOUND, 404, 'Job not found', { job_id: jobId });
    }
    return job;
  }

  /** A job by id, locked for the transaction when asked; null for none (or no id at all). */
  find(jobId: string, options: { lock?: boolean } = {}): Promise<Job | null> {
    if (!isUUID(jobId)) return Promise.resolve(null);
    return this.em.findOne(
      Job,
      { id: jobId },
      options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
  }

  /** A job another record (a lead) refers to, so it exists. */
  get(jobId: string): Promise<Job> {
    return this.em.findOneOrFail(Job, { id: jobId });
  }

  byIds(jobIds: readonly string[]): Promise<Job[]> {
    return this.em.find(Job, { id: { $in: [...jobIds] } });
  }

  /** Newest first, by keyset: `cursor` is the last job id of the previous page. */
  async pageOfCustomer(
    customerId: string,
    page: PageRequest,
  ): Promise<{ jobs: Job[]; nextCursor: string | null }> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const found = await this.em.find(
      Job,
      { customerId, ...(page.cursor ? { id: { $lt: page.cursor } } : {}) },
      { orderBy: { id: 'desc' }, limit: limit + 1 },
    );
    const jobs = found.slice(0, limit);
    return { jobs, nextCursor: found.length > limit ? jobs[jobs.length - 1].id : null };
  }

  /**
   * Live jobs due by `now`, oldest first, claimed with `FOR UPDATE SKIP LOCKED`: replicas share
   * the work and never expire one twice.
   */
  claimDue(now: Date, limit: number): Promise<Job[]> {
    return this.em.find(
      Job,
      { status: 'live', expiresAt: { $lte: now } },
      { limit, orderBy: { expiresAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
    );
  }
}
