import { EntityManager, LockMode, TransactionPropagation } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Conversation } from '../conversation.entity.js';
import { effectOf, reactsTo } from '../conversation-reactions.js';
import { JobEventsRepository } from '../job-events.repository.js';
import { MessagesRepository } from '../messages.repository.js';
import { ApplyJobEventCommand } from './apply-job-event.command.js';

/**
 * Remembers the event for its job and applies it to the job's conversations that exist: their
 * status changes as it says, and each one that changed (or that it only speaks to) gets its
 * message, once. Conversations the job opens later get it when they open.
 */
@CommandHandler(ApplyJobEventCommand)
export class ApplyJobEventHandler implements ICommandHandler<ApplyJobEventCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobEvents: JobEventsRepository,
    private readonly messages: MessagesRepository,
  ) {}

  async execute({ event }: ApplyJobEventCommand): Promise<void> {
    const jobId = event.job_id;
    if (!reactsTo(event.event_type) || jobId === null) return;
    const at = new Date(event.occurred_at);
    // Joins the consumer's inbox transaction, or the opening that replays it (or opens one when
    // run alone): the effect commits with the event's inbox row.
    await this.em.transactional(
      async (em) => {
        await this.jobEvents.lockJob(jobId);
        await this.jobEvents.remember(jobId, event);
        // A write lock: it waits for messages being sent, which hold a share lock.
        const conversations = await em.find(
          Conversation,
          { jobId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        const messages = conversations.flatMap((conversation) => {
          const effect = effectOf(event, conversation);
          if (!effect || (effect.action && !conversation.apply(effect.action, at))) return [];
          return [{ conversationId: conversation.id, ...effect.message }];
        });
        await em.flush();
        await this.messages.post(event, messages);
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
