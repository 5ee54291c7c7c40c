import type { SendMessageReply } from '#contracts';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import {
  Conversation,
  type Participant,
} from '../../apps/messaging/src/conversations/conversation.entity.js';
import { SendMessageCommand } from '../../apps/messaging/src/conversations/send-message/send-message.command.js';
import type { ServiceHarness } from './service-harness.js';

/** A customer or vendor with a fresh id, so no other spec's conversations are theirs. */
export function newParticipant(role: Participant['role']): Participant {
  return { userId: randomUUID(), role };
}

/**
 * A conversation of `customer` and `vendor` over a lead of its own, opened at `openedAt` and
 * written straight to messaging's tables, for handler specs that need no `LEAD_ACCEPTED`.
 * `jobId` puts it on a job the spec names; `locked` makes it read-only from `openedAt`.
 */
export async function openedConversation(
  harness: ServiceHarness,
  customer: Participant,
  vendor: Participant,
  openedAt: Date,
  { jobId = randomUUID(), locked = false }: { jobId?: string; locked?: boolean } = {},
): Promise<Conversation> {
  const conversation = Conversation.open(
    {
      id: randomUUID(),
      jobId,
      leadId: randomUUID(),
      customerId: customer.userId,
      vendorId: vendor.userId,
    },
    openedAt,
  );
  if (locked) conversation.apply('lock', openedAt);
  await harness.app.get(MikroORM).em.fork().persist(conversation).flush();
  return conversation;
}

/** `sender` posts the text `body` into the conversation; what the handler answers. */
export function sendMessage(
  harness: ServiceHarness,
  sender: Participant,
  conversationId: string,
  body: string,
): Promise<SendMessageReply> {
  return harness.commands.execute(
    new SendMessageCommand(sender, { conversation_id: conversationId, body }),
  );
}
