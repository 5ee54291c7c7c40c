import type { FundEscrowInput, FundEscrowReply, ServicePrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The award saga opens the job's escrow and moves the quote's amount into it. */
export class FundEscrowCommand extends Command<FundEscrowReply> {
  constructor(
    readonly caller: ServicePrincipal,
    readonly request: FundEscrowInput,
  ) {
    super();
  }
}
