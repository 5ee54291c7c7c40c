import type { PublishJobInput, PublishJobReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A customer publishes their draft; the gateway adds their contact card from identity. */
export class PublishJobCommand extends Command<PublishJobReply> {
  constructor(
    readonly customer: UserPrincipal<'customer'>,
    readonly request: PublishJobInput,
  ) {
    super();
  }
}
