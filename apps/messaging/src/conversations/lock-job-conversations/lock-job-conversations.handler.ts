import { EntityManager, LockMode, TransactionPropagation } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Conversation } from '../conversation.entity.js';
import { MessagesRepository } from '../messages.repository.js';
import { LockJobConversationsCommand } from './lock-job-conversations.command.js';

/** Locks the job's open conversations and tells each one why, once. */
@CommandHandler(LockJobConversationsCommand)
export class LockJobConversationsHandler implements ICommandHandler<LockJobConversationsCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly messages: MessagesRepository,
  ) {}

  async execute({ event }: LockJobConversationsCommand): Promise<void> {
    const lockedAt = new Date(event.occurred_at);
    // Joins the consumer's inbox transaction (or opens one when run alone): the effect commits
    // with the event's inbox row.
    await this.em.transactional(
      async (em) => {
        // A write lock: it waits for messages being sent, which hold a share lock.
        const conversations = await em.find(
          Conversation,
          {
            $or: [
              ...(event.job_id ? [{ jobId: event.job_id }] : []),
              { leadId: { $in: event.payload.accepted_lead_ids } },
            ],
          },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        const locked = conversations.filter((conversation) => conversation.lock(lockedAt));
        await em.flush();
        await this.messages.announce(
          event,
          locked.map((conversation) => conversation.id),
        );
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
