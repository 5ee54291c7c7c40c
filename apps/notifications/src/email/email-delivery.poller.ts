import { PollingService, ROOT_LOGGER } from '#platform';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { DeliverEmailCommand } from './deliver-email/deliver-email.command.js';
import { EMAIL_CONFIG, type EmailConfig } from './email.config.js';

/** Emails one pass sends at most, so that a pass ends and shutdown is never held up long. */
const BATCH_SIZE = 50;

/**
 * Every `EMAIL_POLL_MS`, sends the emails that are due (new ones, retries whose backoff is over,
 * digests whose period is), one transaction each.
 */
@Injectable()
export class EmailDeliveryPoller extends PollingService {
  constructor(
    private readonly orm: MikroORM,
    private readonly commands: CommandBus,
    @Inject(EMAIL_CONFIG) config: EmailConfig,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    super(config.pollMs, rootLogger);
  }

  /** Each email in an ORM request context of its own, as every bus message has. */
  protected async pass(): Promise<void> {
    for (let sent = 0; sent < BATCH_SIZE; sent++) {
      const delivered = await RequestContext.create(this.orm.em, () =>
        this.commands.execute(new DeliverEmailCommand()),
      );
      if (!delivered) return;
    }
  }
}
