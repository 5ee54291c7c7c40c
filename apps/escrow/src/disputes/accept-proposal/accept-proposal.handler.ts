import type { ResolveDisputeReply } from '#contracts';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SettleDisputeCommand } from '../settle-dispute/settle-dispute.command.js';
import { AcceptProposalCommand } from './accept-proposal.command.js';

/** Settled at once as agreed; the proposal's vendor amount is shared out as an admin's would be. */
@CommandHandler(AcceptProposalCommand)
export class AcceptProposalHandler implements ICommandHandler<AcceptProposalCommand> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ party, request }: AcceptProposalCommand): Promise<ResolveDisputeReply> {
    const settled = await this.commands.execute(
      new SettleDisputeCommand(request.dispute_id, {
        resolution: 'agreed',
        by: party,
        proposalId: request.proposal_id,
      }),
    );
    return settled!;
  }
}
