import { poundsToPence, type ResolveDisputeReply } from '#contracts';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SettleDisputeCommand } from '../settle-dispute/settle-dispute.command.js';
import { ResolveDisputeCommand } from './resolve-dispute.command.js';

/** Any unresolved dispute, open or escalated; one already resolved is 409 DISPUTE_NOT_OPEN. */
@CommandHandler(ResolveDisputeCommand)
export class ResolveDisputeHandler implements ICommandHandler<ResolveDisputeCommand> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ admin, request }: ResolveDisputeCommand): Promise<ResolveDisputeReply> {
    const settled = await this.commands.execute(
      new SettleDisputeCommand(request.dispute_id, {
        resolution: 'admin',
        by: admin,
        outcome: request.outcome,
        vendorPence:
          request.vendor_amount === undefined ? undefined : poundsToPence(request.vendor_amount),
        note: request.note,
      }),
    );
    return settled!;
  }
}
