import {
  EscrowApi,
  type ApproveMilestoneReply,
  type MilestoneChangeReply,
  type SubmitMilestoneReply,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus } from '@nestjs/cqrs';
import { ApproveMilestoneCommand } from './approve-milestone/approve-milestone.command.js';
import { RequestMilestoneChangesCommand } from './request-milestone-changes/request-milestone-changes.command.js';
import { SubmitMilestoneCommand } from './submit-milestone/submit-milestone.command.js';

@BusController()
export class MilestonesController {
  constructor(private readonly commands: CommandBus) {}

  @Serve(EscrowApi.submitMilestone)
  submit({
    principal,
    data,
  }: Received<typeof EscrowApi.submitMilestone>): Promise<SubmitMilestoneReply> {
    return this.commands.execute(new SubmitMilestoneCommand(principal, data));
  }

  @Serve(EscrowApi.approveMilestone)
  approve({
    principal,
    data,
  }: Received<typeof EscrowApi.approveMilestone>): Promise<ApproveMilestoneReply> {
    return this.commands.execute(new ApproveMilestoneCommand(principal, data.milestone_id));
  }

  @Serve(EscrowApi.requestMilestoneChanges)
  requestChanges({
    principal,
    data,
  }: Received<typeof EscrowApi.requestMilestoneChanges>): Promise<MilestoneChangeReply> {
    return this.commands.execute(new RequestMilestoneChangesCommand(principal, data));
  }
}
