import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Conversation } from '../conversation.entity.js';
import { MessagesRepository } from '../messages.repository.js';
import { OpenConversationCommand } from './open-conversation.command.js';

/**
 * Opens the conversation under the id the acceptance already answered, with a system message.
 * Idempotent by key as well as by the consumer's inbox: the same event twice opens one.
 */
@CommandHandler(OpenConversationCommand)
export class OpenConversationHandler implements ICommandHandler<OpenConversationCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly messages: MessagesRepository,
  ) {}

  async execute({ event }: OpenConversationCommand): Promise<void> {
    const { job_id: jobId, payload } = event;
    if (jobId === null) throw new Error('LEAD_ACCEPTED without a job_id');
    // Joins the consumer's inbox transaction (or opens one when run alone): the effect commits
    // with the event's inbox row.
    await this.em.transactional(
      async (em) => {
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
        await this.messages.announce(event, [payload.conversation_id]);
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
