import { CLOCK, PollingService, ROOT_LOGGER, type Clock } from '#platform';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { CommandBus } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { DisputeRepository } from './dispute.repository.js';
import { DISPUTES_CONFIG, type DisputesConfig } from './disputes.config.js';
import { EscalateDisputesCommand } from './escalate-disputes/escalate-disputes.command.js';
import { SettleDisputeCommand } from './settle-dispute/settle-dispute.command.js';

const BATCH_SIZE = 50;

/**
 * The disputes' deadlines. Unanswered past `respond_by`, a dispute is settled by default, each in
 * a transaction of its own that claims its escrow with `FOR UPDATE SKIP LOCKED` and checks it is
 * still due, so an admin or an acceptance at the same moment, or another replica, settles it
 * once. Answered but unresolved past `escalate_at`, it is escalated to the admins' queue.
 */
@Injectable()
export class DisputeDeadlinesPoller extends PollingService {
  constructor(
    private readonly orm: MikroORM,
    private readonly disputes: DisputeRepository,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DISPUTES_CONFIG) config: DisputesConfig,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    super(config.deadlinePollMs, rootLogger);
  }

  /** One pass, in an ORM request context of its own as every bus message has. */
  protected pass(): Promise<void> {
    return RequestContext.create(this.orm.em, async () => {
      await this.settleDefaults();
      await this.commands.execute(new EscalateDisputesCommand(BATCH_SIZE));
    });
  }

  private async settleDefaults(): Promise<void> {
    const due = await this.disputes.dueForDefault(this.clock.now(), BATCH_SIZE);
    for (const disputeId of due) {
      try {
        await this.commands.execute(new SettleDisputeCommand(disputeId, { resolution: 'default' }));
      } catch (error) {
        this.logger.warn(
          { err: error, dispute_id: disputeId },
          'default settlement failed; will retry',
        );
      }
    }
  }
}
