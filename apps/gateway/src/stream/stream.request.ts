import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

/** `GET /api/connection/stream`'s query. */
export class StreamRequest {
  @ApiPropertyOptional({
    description:
      'A ticket from POST /api/connection/stream/tickets, for clients that cannot send an Authorization header',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  ticket?: string;

  @ApiPropertyOptional({
    description:
      'Resume after this event id, as the Last-Event-ID header does (which wins): for a client that opens a new EventSource with a new ticket',
  })
  @IsOptional()
  @Matches(/^(0|[1-9][0-9]{0,14})$/, { message: 'last_event_id must be an id the stream sent' })
  last_event_id?: string;
}
