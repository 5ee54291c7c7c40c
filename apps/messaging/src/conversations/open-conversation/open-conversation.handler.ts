import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApplyJobEventCommand } from '../apply-job-event/apply-job-event.command.js';
import { OPENING_MESSAGE } from '../conversation-reactions.js';
import { Conversation } from '../conversation.entity.js';
import { JobEventsRepository } from '../job-events.repository.js';
import { MessagesRepository } from '../messages.repository.js';
import { OpenConversationCommand } from './open-conversation.command.js';

/**
 * Opens the conversation under the id the acceptance already answered, with a system message,
 * then applies what messaging remembers of the job: a job cancelled before its acceptance was
 * seen opens locked, as it would be had the events come the other way round. Idempotent by key
 * as well as by the consumer's inbox: the same event twice opens one.
 */
@CommandHandler(OpenConversationCommand)
export class OpenConversationHandler implements ICommandHandler<OpenConversationCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobEvents: JobEventsRepository,
    private readonly messages: MessagesRepository,
    private readonly commands: CommandBus,
  ) {}

  async execute({ event }: OpenConversationCommand): Promise<void> {
    const { job_id: jobId, payload } = event;
    if (jobId === null) throw new Error('LEAD_ACCEPTED without a job_id');
    // Joins the consumer's inbox transaction (or opens one when run alone): the effect commits
    // with the event's inbox row.
    await this.em.transactional(
      async (em) => {
        await this.jobEvents.lockJob(jobId);
        await em
          .createQueryBuilder(Conversation)
          .insert(
            Conversation.open(
              {
                id: payload.conversation_id,
                jobId,
                leadId: payload.lead_id,
                customerId: payload.customer_id,
                vendorId: payload.vendor_id,
              },
              new Date(event.occurred_at),
            ),
          )
          .onConflict('id')
          .ignore()
          .execute();
        await this.messages.post(event, [
          { conversationId: payload.conversation_id, type: 'system', body: OPENING_MESSAGE },
        ]);
        for (const remembered of await this.jobEvents.rememberedFor(jobId)) {
          await this.commands.execute(new ApplyJobEventCommand(remembered));
        }
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
