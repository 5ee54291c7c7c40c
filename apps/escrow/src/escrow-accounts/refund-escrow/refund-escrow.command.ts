import type { RefundEscrowInput, RefundEscrowReply, ServicePrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The award saga undoes a funding it made (or may have made) under a key. */
export class RefundEscrowCommand extends Command<RefundEscrowReply> {
  constructor(
    readonly caller: ServicePrincipal,
    readonly request: RefundEscrowInput,
  ) {
    super();
  }
}
