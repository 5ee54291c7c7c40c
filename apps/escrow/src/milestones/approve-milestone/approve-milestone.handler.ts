import type { ApproveMilestoneReply } from '#contracts';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReleaseMilestoneCommand } from '../release-milestone/release-milestone.command.js';
import { ApproveMilestoneCommand } from './approve-milestone.command.js';

/** Only the job's customer, only a submitted milestone (409 otherwise); released once. */
@CommandHandler(ApproveMilestoneCommand)
export class ApproveMilestoneHandler implements ICommandHandler<ApproveMilestoneCommand> {
  constructor(private readonly commands: CommandBus) {}

  async execute({
    customer,
    milestoneId,
  }: ApproveMilestoneCommand): Promise<ApproveMilestoneReply> {
    const released = await this.commands.execute(
      new ReleaseMilestoneCommand(milestoneId, { id: customer.userId, role: 'customer' }),
    );
    return released!;
  }
}
