import {
  assertRole,
  DEFAULT_PAGE_SIZE,
  DomainError,
  ErrorCode,
  type CreateJobReply,
  type CreateJobRequest,
  type JobCreatedPayload,
  type JobListView,
  type JobView,
  type PageRequest,
  type Principal,
} from '#contracts';
import { CreateRequestContext } from '@mikro-orm/decorators/legacy';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { EventOutbox } from '#platform';
import { isUUID } from 'class-validator';
import { Job } from './job.entity.js';
import { postcodeDistrict, toJobView } from './job.view.js';

@Injectable()
export class JobsService {
  constructor(
    readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
  ) {}

  @CreateRequestContext()
  async create(principal: Principal, request: CreateJobRequest): Promise<CreateJobReply> {
    assertRole(principal, ['customer']);
    const now = new Date();
    const job = Job.draft(
      {
        customerId: principal.userId,
        title: request.title,
        description: request.description,
        tradeCategory: request.trade_category,
        budgetMin: request.budget_min,
        budgetMax: request.budget_max,
        timeframe: request.timeframe,
        postcode: request.postcode,
      },
      now,
    );
    this.em.persist(job);
    const event = this.outbox.record<JobCreatedPayload>(
      this.em,
      {
        type: 'JOB_CREATED',
        actor: { id: principal.userId, role: principal.role },
        subject: { type: 'job', id: job.id },
        jobId: job.id,
        payload: {
          customer_id: job.customerId,
          title: job.title,
          trade_category: job.tradeCategory,
          budget_min: request.budget_min,
          budget_max: request.budget_max,
          timeframe: job.timeframe,
          postcode_district: postcodeDistrict(job),
        },
      },
      now,
    );
    await this.em.flush();
    return { job_id: job.id, status: job.status, event_id: event.event_id };
  }

  @CreateRequestContext()
  async get(principal: Principal, jobId: string): Promise<JobView> {
    assertRole(principal, ['customer', 'admin']);
    return toJobView(await this.findVisible(principal, jobId));
  }

  @CreateRequestContext()
  async listOwn(principal: Principal, page: PageRequest): Promise<JobListView> {
    assertRole(principal, ['customer']);
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const jobs = await this.em.find(
      Job,
      { customerId: principal.userId, ...(page.cursor ? { id: { $lt: page.cursor } } : {}) },
      { orderBy: { id: 'desc' }, limit: limit + 1 },
    );
    const pageOfJobs = jobs.slice(0, limit);
    return {
      jobs: pageOfJobs.map(toJobView),
      next_cursor: jobs.length > limit ? pageOfJobs[pageOfJobs.length - 1].id : null,
    };
  }

  /** Someone else's job answers exactly like a job that does not exist. */
  private async findVisible(principal: Principal, jobId: string): Promise<Job> {
    const job = isUUID(jobId) ? await this.em.findOne(Job, { id: jobId }) : null;
    if (!job || (principal.role !== 'admin' && job.customerId !== principal.userId)) {
      throw new DomainError(ErrorCode.JOB_NOT_FOUND, 404, 'Job not found', { job_id: jobId });
    }
    return job;
  }
}
