import { DomainError, type SendMessageRequest, type SendableMessageType } from '#contracts';

export interface MessageContent {
  type: SendableMessageType;
  body: string | null;
  attachmentUrl: string | null;
}

/** A validated request as message content; a text message carries no attachment. */
export function messageContent(request: SendMessageRequest): MessageContent {
  const type = request.type ?? 'text';
  if (type === 'text' && request.attachment_url !== undefined) {
    throw DomainError.validation('The request is not valid', {
      fields: [{ field: 'attachment_url', errors: ['attachment_url is only for type attachment'] }],
    });
  }
  return { type, body: request.body ?? null, attachmentUrl: request.attachment_url ?? null };
}
