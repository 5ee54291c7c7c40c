import { DomainError, ErrorCode, type UserPrincipal } from '#contracts';
import { PublicRoute, ROOT_LOGGER } from '#platform';
import { Controller, Get, Headers, Inject, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { parseEventId, sseComment } from './sse.js';
import { StreamAuthenticator } from './stream-authenticator.service.js';
import { StreamConnections } from './stream-connections.service.js';
import { StreamTicketResponse, toStreamTicketResponse } from './stream-event.response.js';
import { StreamRequest } from './stream.request.js';
import { UserEventsFeed } from './user-events-feed.service.js';

const STREAM_DESCRIPTION = [
  'Server-Sent Events for the signed-in caller: `Authorization: Bearer <token>`, or `?ticket=`',
  '(single use, 60 s) for a browser EventSource. Each event has `id:` (resume with',
  '`Last-Event-ID`, or `?last_event_id=` with a new ticket), `event:` (notification, message,',
  'lead, quote, milestone, escrow, job) and a JSON `data:` shaped for the caller. Resuming past',
  'what the stream keeps sends `event: reset` (refetch, then carry on). A `: heartbeat` comment',
  'comes every 15 s; a client that stops reading is dropped; a replica shutting down ends the',
  'stream with `retry:`.',
].join(' ');

/** The caller's real-time stream, and the tickets that open it without a header. */
@ApiTags('stream')
@Controller('api/connection/stream')
export class StreamController {
  private readonly logger: Logger;

  constructor(
    private readonly authenticator: StreamAuthenticator,
    private readonly connections: StreamConnections,
    private readonly feed: UserEventsFeed,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.logger = rootLogger.child({ context: 'StreamController' });
  }

  @Post('tickets')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "A single-use ticket, good for 60 s, that opens the caller's stream (any replica)",
  })
  @ApiCreatedResponse({ type: StreamTicketResponse })
  async ticket(@CurrentPrincipal() principal: UserPrincipal): Promise<StreamTicketResponse> {
    return toStreamTicketResponse(await this.authenticator.issueTicket(principal));
  }

  @Get()
  @PublicRoute()
  @ApiOperation({
    summary: "The caller's real-time events (Server-Sent Events)",
    description: STREAM_DESCRIPTION,
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'the stream: `id:`, `event:` and `data:` lines per event, until either side ends it',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'the id of the last event received: the stream resumes after it',
  })
  @ApiErrors(
    ErrorCode.AUTH_REQUIRED,
    ErrorCode.INVALID_TOKEN,
    ErrorCode.TOKEN_EXPIRED,
    ErrorCode.STREAM_TICKET_INVALID,
    ErrorCode.STREAM_TICKET_EXPIRED,
  )
  async open(
    @Query() query: StreamRequest,
    @Headers('authorization') authorization: string | undefined,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // Before the ticket is taken: a refused request must not use it up.
    const resumeAfter = resumePoint(lastEventId ?? query.last_event_id);
    const principal = await this.authenticator.authenticate(authorization, query.ticket);
    response.status(200);
    response.setHeader('content-type', 'text/event-stream; charset=utf-8');
    response.setHeader('cache-control', 'no-cache, no-transform');
    // Proxies that buffer answers (nginx) would hold the events back.
    response.setHeader('x-accel-buffering', 'no');
    response.flushHeaders();
    request.socket.setNoDelay(true);
    request.socket.setKeepAlive(true);
    response.write(sseComment('connected'));
    const connection = this.connections.open(principal.userId, response, resumeAfter);
    response.on('close', () => connection.abandon('client_gone'));
    if (this.connections.isClosing) {
      this.connections.endNow(connection);
      return;
    }
    if (resumeAfter === null) return;
    try {
      await this.feed.resume(connection, resumeAfter);
    } catch (error) {
      this.logger.warn({ err: error, user_id: principal.userId }, 'stream could not resume');
      connection.close(this.connections.retryDelay(), 'resume_failed');
    }
  }
}

/** The id to resume after; a Last-Event-ID this gateway cannot have sent is 400. */
function resumePoint(value: string | undefined): number | null {
  if (value === undefined) return null;
  const id = parseEventId(value.trim());
  if (id === null) {
    throw DomainError.validation('Last-Event-ID is not an id this stream sent', {
      fields: [{ field: 'Last-Event-ID', errors: ['must be a decimal event id'] }],
    });
  }
  return id;
}
