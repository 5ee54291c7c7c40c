import type { ExpiredPayload } from '#contracts';
import { CLOCK, EventOutbox, ROOT_LOGGER, type Clock } from '#platform';
import { EntityManager, LockMode, MikroORM } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { Job } from '../jobs/job.entity.js';
import { nextJobStatus } from '../jobs/job-lifecycle.js';
import { Lead } from './lead.entity.js';
import { nextLeadStatus } from './lead-lifecycle.js';
import { LEADS_CONFIG, type LeadsConfig } from './leads.config.js';

const BATCH_SIZE = 100;

/**
 * Expires unanswered offers and live jobs nobody took in time. Due rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several replicas share the work and never expire a row twice.
 */
@Injectable()
export class ExpiryPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: EventOutbox,
    @Inject(LEADS_CONFIG) private readonly config: LeadsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.logger = rootLogger.child({ context: 'ExpiryPoller' });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.expiryPollMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over what is due now; returns how many leads and jobs it expired. */
  async expireDue(): Promise<{ leads: number; jobs: number }> {
    const now = this.clock.now();
    const leads = await this.orm.em.fork().transactional((em) => this.expireLeads(em, now));
    const jobs = await this.orm.em.fork().transactional((em) => this.expireJobs(em, now));
    return { leads, jobs };
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.expireDue()
      .then(() => undefined)
      .catch((error) => this.logger.warn({ err: error }, 'expiry pass failed; will retry'))
      .finally(() => {
        this.running = null;
      });
    await this.running;
  }

  private async expireLeads(em: EntityManager, now: Date): Promise<number> {
    const due = await em.find(
      Lead,
      { status: 'offered', expiresAt: { $lte: now } },
      {
        limit: BATCH_SIZE,
        orderBy: { expiresAt: 'asc' },
        lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
      },
    );
    for (const lead of due) {
      lead.status = nextLeadStatus(lead.status, 'expire');
      this.outbox.record<ExpiredPayload>(
        em,
        {
          type: 'LEAD_EXPIRED',
          actor: { id: lead.vendorId, role: 'system' },
          subject: { type: 'lead', id: lead.id },
          jobId: lead.jobId,
          payload: { expired_at: now.toISOString() },
        },
        now,
      );
    }
    return due.length;
  }

  private async expireJobs(em: EntityManager, now: Date): Promise<number> {
    const due = await em.find(
      Job,
      { status: 'live', expiresAt: { $lte: now } },
      {
        limit: BATCH_SIZE,
        orderBy: { expiresAt: 'asc' },
        lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
      },
    );
    for (const job of due) {
      job.status = nextJobStatus(job.status, 'expire');
      job.updatedAt = now;
      const open = await em.find(
        Lead,
        { jobId: job.id, status: 'offered' },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      for (const lead of open) lead.status = nextLeadStatus(lead.status, 'close');
      this.outbox.record<ExpiredPayload>(
        em,
        {
          type: 'JOB_EXPIRED',
          actor: { id: job.customerId, role: 'system' },
          subject: { type: 'job', id: job.id },
          jobId: job.id,
          payload: { expired_at: now.toISOString() },
        },
        now,
      );
    }
    return due.length;
  }
}
