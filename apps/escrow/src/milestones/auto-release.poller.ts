import { CLOCK, PollingService, ROOT_LOGGER, type Clock } from '#platform';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { CommandBus } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { MilestoneRepository } from './milestone.repository.js';
import { MILESTONES_CONFIG, type MilestonesConfig } from './milestones.config.js';
import { ReleaseMilestoneCommand } from './release-milestone/release-milestone.command.js';

const BATCH_SIZE = 50;

/**
 * Releases submitted milestones nobody answered by their `auto_release_at`. Each is released in
 * a transaction of its own that locks it (and its escrow) and checks it is still due, so several
 * replicas, or an approval arriving at the same moment, release it once.
 */
@Injectable()
export class AutoReleasePoller extends PollingService {
  constructor(
    private readonly orm: MikroORM,
    private readonly milestones: MilestoneRepository,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MILESTONES_CONFIG) config: MilestonesConfig,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    super(config.releasePollMs, rootLogger);
  }

  /** One pass, in an ORM request context of its own as every bus message has. */
  protected pass(): Promise<number> {
    return RequestContext.create(this.orm.em, () => this.releaseEachDue());
  }

  private async releaseEachDue(): Promise<number> {
    const due = await this.milestones.dueForRelease(this.clock.now(), BATCH_SIZE);
    let released = 0;
    for (const milestoneId of due) {
      try {
        const done = await this.commands.execute(
          new ReleaseMilestoneCommand(milestoneId, { id: milestoneId, role: 'system' }),
        );
        if (done) released++;
      } catch (error) {
        this.logger.warn(
          { err: error, milestone_id: milestoneId },
          'auto-release failed; will retry',
        );
      }
    }
    return released;
  }
}
