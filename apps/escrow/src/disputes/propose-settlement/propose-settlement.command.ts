import type { ProposeSettlementInput, ProposeSettlementReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** Either party proposes how much of the disputed amount the vendor gets. */
export class ProposeSettlementCommand extends Command<ProposeSettlementReply> {
  constructor(
    readonly party: UserPrincipal<'customer' | 'vendor'>,
    readonly request: ProposeSettlementInput,
  ) {
    super();
  }
}
