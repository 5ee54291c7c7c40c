import {
  assertRole,
  toUkE164,
  type JobCancelledPayload,
  type JobPostedPayload,
  type JobUpdatedPayload,
  type UpdateJobCommand,
  type LeadOfferedPayload,
  type PublishJobCommand,
  type PublishJobReply,
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
import { EntityManager, LockMode, MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { EventOutbox } from '#platform';
import { isUUID } from 'class-validator';
import { Lead } from '../leads/lead.entity.js';
import { priceLead } from '../leads/lead-pricing.js';
import { LEADS_CONFIG, type LeadsConfig } from '../leads/leads.config.js';
import { VendorMatcher } from '../leads/vendor-matcher.js';
import { nextLeadStatus } from '../leads/lead-lifecycle.js';
import { Job } from './job.entity.js';
import { nextJobStatus } from './job-lifecycle.js';
import { postcodeDistrict, toJobView } from './job.view.js';

@Injectable()
export class JobsService {
  constructor(
    readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly matcher: VendorMatcher,
    @Inject(LEADS_CONFIG) private readonly leadsConfig: LeadsConfig,
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

  /**
   * Draft → live: the job is offered as a masked lead to the best-matching vendors, each lead
   * priced now and never shown to the customer. All of it commits, with its events, or none.
   */
  @CreateRequestContext()
  async publish(principal: Principal, command: PublishJobCommand): Promise<PublishJobReply> {
    assertRole(principal, ['customer']);
    return this.em.transactional(async (em) => {
      const job = await this.findVisible(principal, command.job_id, em, true);
      const status = nextJobStatus(job.status, 'publish');
      if (!job.postcode) {
        throw new DomainError(
          ErrorCode.JOB_INCOMPLETE,
          422,
          'A job needs a postcode before it can be published',
          {
            missing: ['postcode'],
          },
        );
      }
      const now = new Date();
      const price = priceLead(job, this.leadsConfig.pricing);
      const vendorIds = await this.matcher.match(
        em,
        job.tradeCategory,
        job.postcode,
        this.leadsConfig.maxLeadsPerJob,
      );
      Object.assign(job, {
        status,
        customerName: command.customer_name,
        customerEmail: command.customer_email.toLowerCase(),
        customerPhone: toUkE164(command.customer_phone),
        publishedAt: now,
        expiresAt: new Date(now.getTime() + this.leadsConfig.jobLiveTtlMs),
        updatedAt: now,
      });
      const actor = { id: principal.userId, role: principal.role };
      const posted = this.outbox.record<JobPostedPayload>(
        em,
        {
          type: 'JOB_POSTED',
          actor,
          subject: { type: 'job', id: job.id },
          jobId: job.id,
          payload: {
            customer_id: job.customerId,
            leads_assigned: vendorIds.length,
            expires_at: job.expiresAt!.toISOString(),
          },
        },
        now,
      );
      for (const vendorId of vendorIds) {
        const lead = Lead.offer(
          {
            jobId: job.id,
            vendorId,
            pricePence: price.pricePence,
            qualityScore: price.qualityScore,
          },
          now,
          this.leadsConfig.leadOfferTtlMs,
        );
        em.persist(lead);
        this.outbox.record<LeadOfferedPayload>(
          em,
          {
            type: 'LEAD_OFFERED',
            actor: { id: job.customerId, role: 'system' },
            subject: { type: 'lead', id: lead.id },
            jobId: job.id,
            payload: {
              lead_id: lead.id,
              vendor_id: vendorId,
              expires_at: lead.expiresAt.toISOString(),
            },
          },
          now,
        );
      }
      await em.flush();
      return {
        job_id: job.id,
        status: 'live',
        leads_assigned: vendorIds.length,
        event_id: posted.event_id,
        message: `Job published. ${vendorIds.length} vendor${vendorIds.length === 1 ? '' : 's'} notified.`,
      };
    });
  }

  /** Changes a draft job; 409 JOB_NOT_EDITABLE once it is live. */
  @CreateRequestContext()
  async update(principal: Principal, command: UpdateJobCommand): Promise<JobView> {
    assertRole(principal, ['customer']);
    return this.em.transactional(async (em) => {
      const job = await this.findVisible(principal, command.job_id, em, true);
      const now = new Date();
      job.edit(
        {
          title: command.title,
          description: command.description,
          tradeCategory: command.trade_category,
          budgetMin: command.budget_min,
          budgetMax: command.budget_max,
          timeframe: command.timeframe,
          postcode: command.postcode,
        },
        now,
      );
      const changed = Object.keys(command).filter((field) => field !== 'job_id');
      this.outbox.record<JobUpdatedPayload>(
        em,
        {
          type: 'JOB_UPDATED',
          actor: { id: principal.userId, role: principal.role },
          subject: { type: 'job', id: job.id },
          jobId: job.id,
          payload: { changed_fields: changed },
        },
        now,
      );
      await em.flush();
      return toJobView(job);
    });
  }

  /**
   * Draft or live → cancelled. Open offers close; vendors who paid for a lead are refunded under
   * the job_cancelled policy by escrow, which acts on JOB_CANCELLED (durably, exactly once).
   * Once a quote is accepted and escrow funded, the lifecycle refuses with 409.
   */
  @CreateRequestContext()
  async cancel(principal: Principal, jobId: string): Promise<JobView> {
    assertRole(principal, ['customer']);
    return this.em.transactional(async (em) => {
      const job = await this.findVisible(principal, jobId, em, true);
      const previous = job.status;
      const now = new Date();
      job.status = nextJobStatus(job.status, 'cancel');
      job.updatedAt = now;
      const leads = await em.find(
        Lead,
        { jobId: job.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      for (const lead of leads.filter((candidate) => candidate.status === 'offered')) {
        lead.status = nextLeadStatus(lead.status, 'close');
      }
      this.outbox.record<JobCancelledPayload>(
        em,
        {
          type: 'JOB_CANCELLED',
          actor: { id: principal.userId, role: principal.role },
          subject: { type: 'job', id: job.id },
          jobId: job.id,
          payload: {
            customer_id: job.customerId,
            previous_status: previous,
            accepted_lead_ids: leads
              .filter((lead) => lead.status === 'accepted')
              .map((lead) => lead.id),
          },
        },
        now,
      );
      await em.flush();
      return toJobView(job);
    });
  }

  /** Someone else's job answers exactly like a job that does not exist. */
  private async findVisible(
    principal: Principal,
    jobId: string,
    em: EntityManager = this.em,
    lock = false,
  ): Promise<Job> {
    const job = isUUID(jobId)
      ? await em.findOne(Job, { id: jobId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {})
      : null;
    if (!job || (principal.role !== 'admin' && job.customerId !== principal.userId)) {
      throw new DomainError(ErrorCode.JOB_NOT_FOUND, 404, 'Job not found', { job_id: jobId });
    }
    return job;
  }
}
