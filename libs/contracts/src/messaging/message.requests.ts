import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUrl, Length, ValidateIf } from 'class-validator';
import { IsText } from '../validation/is-text.decorator.js';
import { PageRequest } from '../pagination/page.request.js';

export const MESSAGE_BODY_MAX_LENGTH = 5000;

/** What a participant may send; `system` and `quote_reference` messages are the service's own. */
export const SENDABLE_MESSAGE_TYPES = ['text', 'attachment'] as const;
export type SendableMessageType = (typeof SENDABLE_MESSAGE_TYPES)[number];

export class SendMessageRequest {
  @ApiPropertyOptional({ enum: SENDABLE_MESSAGE_TYPES, default: 'text' })
  @ValidateIf((request: SendMessageRequest) => request.type !== undefined)
  @IsIn(SENDABLE_MESSAGE_TYPES)
  type?: SendableMessageType;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: MESSAGE_BODY_MAX_LENGTH,
    description: 'Required for text; an optional caption for an attachment',
  })
  // A text message needs a body; an attachment may go without one.
  @ValidateIf(
    (request: SendMessageRequest) => request.type !== 'attachment' || request.body !== undefined,
  )
  @IsText({ min: 1, max: MESSAGE_BODY_MAX_LENGTH, multiline: true })
  body?: string;

  @ApiPropertyOptional({ description: 'https URL; required when type is attachment' })
  @ValidateIf(
    (request: SendMessageRequest) =>
      request.type === 'attachment' || request.attachment_url !== undefined,
  )
  @IsText({ max: 2048 })
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: true, allow_underscores: false },
    { message: 'attachment_url must be an https URL' },
  )
  attachment_url?: string;
}

/** `messaging.message.send` data. */
export class SendMessageInput extends SendMessageRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  conversation_id!: string;
}

/** `messaging.message.list` data: a page of one conversation, newest first. */
export class ListMessagesInput extends PageRequest {
  @IsString()
  @Length(1, 64)
  conversation_id!: string;
}

/** `messaging.conversation.mark-read` data. */
export class ConversationInput {
  @IsString()
  @Length(1, 64)
  conversation_id!: string;
}
