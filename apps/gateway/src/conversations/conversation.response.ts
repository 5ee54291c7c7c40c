import type {
  ConversationStatus,
  ConversationView,
  LeadContactView,
  MarkReadReply,
  MessageListView,
  MessageSenderRole,
  MessageType,
  MessageView,
  SendMessageReply,
} from '#contracts';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import {
  CustomerContactResponse,
  toCustomerContactResponse,
  toVendorContactResponse,
  VendorContactResponse,
} from '../jobs/contact.response.js';

const SENDER_ROLES: MessageSenderRole[] = ['customer', 'vendor', 'system'];
const MESSAGE_TYPES: MessageType[] = ['text', 'attachment', 'system', 'quote_reference'];
const CONVERSATION_STATUSES: ConversationStatus[] = ['open', 'locked', 'archived'];

export class MessageResponse implements MessageView {
  @ApiProperty({ format: 'uuid' }) message_id!: string;
  @ApiProperty({ format: 'uuid' }) conversation_id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for system' })
  sender_id!: string | null;
  @ApiProperty({ enum: SENDER_ROLES }) sender_role!: MessageSenderRole;
  @ApiProperty({ enum: MESSAGE_TYPES }) type!: MessageType;
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty({ type: String, nullable: true }) attachment_url!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) read_at!: string | null;
}

/** What both participants see of a conversation. */
class ConversationResponse implements ConversationView {
  @ApiProperty({ format: 'uuid' }) conversation_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ format: 'uuid' }) lead_id!: string;
  @ApiProperty({ format: 'uuid' }) customer_id!: string;
  @ApiProperty({ format: 'uuid' }) vendor_id!: string;
  @ApiProperty({ enum: CONVERSATION_STATUSES }) status!: ConversationStatus;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: MessageResponse, nullable: true }) last_message!: MessageResponse | null;
  @ApiProperty({ description: "the other participant's messages the caller has not read" })
  unread_count!: number;
  @ApiProperty({ type: String, nullable: true, example: 'Fix leaking kitchen tap' })
  job_title!: string | null;
}

/** A customer's conversation: it names the vendor who accepted their lead, and how to reach them. */
export class CustomerConversationResponse extends ConversationResponse {
  @ApiProperty({ type: VendorContactResponse, nullable: true })
  vendor!: VendorContactResponse | null;
}

/** A vendor's conversation: it names the customer whose lead they paid for. */
export class VendorConversationResponse extends ConversationResponse {
  @ApiProperty({ type: CustomerContactResponse, nullable: true })
  customer!: CustomerContactResponse | null;
}

export class ConversationListResponse {
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(CustomerConversationResponse) },
        { $ref: getSchemaPath(VendorConversationResponse) },
      ],
    },
    description: "each names the other party: a customer's the vendor, a vendor's the customer",
  })
  conversations!: (CustomerConversationResponse | VendorConversationResponse)[];
}

/** The models the conversation list names by reference only. */
export const CONVERSATION_MODELS = [CustomerConversationResponse, VendorConversationResponse];

export class MessageListResponse implements MessageListView {
  @ApiProperty({ type: [MessageResponse] }) messages!: MessageResponse[];
  @ApiProperty({ description: 'all messages in the conversation, not only this page' })
  message_count!: number;
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page' })
  next_cursor!: string | null;
}

export class SendMessageResponse implements SendMessageReply {
  @ApiProperty({ format: 'uuid' }) message_id!: string;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
  @ApiProperty({ format: 'uuid' }) sender_id!: string;
  @ApiProperty({ enum: SENDER_ROLES }) sender_role!: MessageSenderRole;
  @ApiProperty({ enum: MESSAGE_TYPES }) type!: MessageType;
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty({ type: String, nullable: true }) attachment_url!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class MarkReadResponse implements MarkReadReply {
  @ApiProperty({ format: 'uuid' }) conversation_id!: string;
  @ApiProperty() marked_read!: number;
}

/** Allow-list of a message as its participants see it. */
export function toMessageResponse(view: MessageView): MessageResponse {
  return {
    message_id: view.message_id,
    conversation_id: view.conversation_id,
    sender_id: view.sender_id,
    sender_role: view.sender_role,
    type: view.type,
    body: view.body,
    attachment_url: view.attachment_url,
    created_at: view.created_at,
    read_at: view.read_at,
  };
}

function toConversationResponse(
  view: ConversationView,
  contact: LeadContactView | undefined,
): ConversationResponse {
  return {
    conversation_id: view.conversation_id,
    job_id: view.job_id,
    lead_id: view.lead_id,
    customer_id: view.customer_id,
    vendor_id: view.vendor_id,
    status: view.status,
    created_at: view.created_at,
    last_message: view.last_message && toMessageResponse(view.last_message),
    unread_count: view.unread_count,
    job_title: contact?.job_title ?? null,
  };
}

/**
 * Allow-lists per audience: the customer gets the vendor's card, the vendor the customer's,
 * each from the other party of the conversation's lead (`contacts`, by lead id). A conversation
 * whose lead jobs-leads did not name keeps its other party null.
 */
export function toConversationListResponse(
  role: 'customer' | 'vendor',
  conversations: ConversationView[],
  contacts: ReadonlyMap<string, LeadContactView>,
): ConversationListResponse {
  return {
    conversations: conversations.map((view) => {
      const contact = contacts.get(view.lead_id);
      const shared = toConversationResponse(view, contact);
      if (role === 'customer') {
        return {
          ...shared,
          vendor: contact?.vendor ? toVendorContactResponse(contact.vendor) : null,
        };
      }
      return {
        ...shared,
        customer: contact?.customer ? toCustomerContactResponse(contact.customer) : null,
      };
    }),
  };
}

export function toMessageListResponse(view: MessageListView): MessageListResponse {
  return {
    messages: view.messages.map(toMessageResponse),
    message_count: view.message_count,
    next_cursor: view.next_cursor,
  };
}

export function toSendMessageResponse(reply: SendMessageReply): SendMessageResponse {
  return {
    message_id: reply.message_id,
    event_id: reply.event_id,
    sender_id: reply.sender_id,
    sender_role: reply.sender_role,
    type: reply.type,
    body: reply.body,
    attachment_url: reply.attachment_url,
    created_at: reply.created_at,
  };
}

export function toMarkReadResponse(reply: MarkReadReply): MarkReadResponse {
  return { conversation_id: reply.conversation_id, marked_read: reply.marked_read };
}
