import type { PublishJobReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OfferJobCommand } from '../../offers/offer-job/offer-job.command.js';
import { OFFERS_CONFIG, type OffersConfig } from '../../offers/offers.config.js';
import { VendorMatchRepository } from '../../offers/vendor-match.repository.js';
import { JOBS_CONFIG, type JobsConfig } from '../jobs.config.js';
import { JobRepository } from '../job.repository.js';
import { PublishJobCommand } from './publish-job.command.js';

/**
 * Draft → live: the job is offered as a masked lead to the best-matching vendors. All of it
 * commits, with its events (JOB_POSTED, then each LEAD_OFFERED), or none of it.
 */
@CommandHandler(PublishJobCommand)
export class PublishJobHandler implements ICommandHandler<PublishJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly vendors: VendorMatchRepository,
    private readonly commands: CommandBus,
    private readonly outbox: EventOutbox,
    @Inject(JOBS_CONFIG) private readonly config: JobsConfig,
    @Inject(OFFERS_CONFIG) private readonly offers: OffersConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ customer, request }: PublishJobCommand): Promise<PublishJobReply> {
    return this.em.transactional(async (em) => {
      const job = await this.jobs.findVisible(customer, request.job_id, { lock: true });
      const now = this.clock.now();
      const published = job.publish(
        {
          name: request.customer_name,
          email: request.customer_email,
          phone: request.customer_phone,
        },
        now,
        this.config.jobLiveTtlMs,
      );
      const vendorIds = await this.vendors.match(
        job.tradeCategory,
        published.postcode,
        this.offers.maxLeadsPerJob,
        now,
      );
      const posted = this.outbox.record(
        em,
        {
          type: 'JOB_POSTED',
          actor: { id: customer.userId, role: customer.role },
          subjectId: job.id,
          jobId: job.id,
          payload: {
            customer_id: job.customerId,
            leads_assigned: vendorIds.length,
            expires_at: published.expiresAt.toISOString(),
          },
        },
        now,
      );
      await this.commands.execute(new OfferJobCommand(job, vendorIds, now));
      const notified = `${vendorIds.length} vendor${vendorIds.length === 1 ? '' : 's'} notified`;
      return {
        job_id: job.id,
        status: 'live',
        leads_assigned: vendorIds.length,
        event_id: posted.event_id,
        message: `Job published. ${notified}.`,
      };
    });
  }
}
