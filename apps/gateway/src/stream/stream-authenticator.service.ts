import { DomainError, IdentityErrors, type UserPrincipal } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AccessTokens } from '../identity/access-tokens.service.js';
import { bearerToken } from '../identity/auth.guard.js';
import { STREAM_CONFIG, type StreamConfig } from './stream.config.js';
import { StreamTicketsRepository } from './stream-tickets.repository.js';

/**
 * Who opens a stream: the bearer of an access token, as on every route, or of a stream ticket,
 * for browsers' EventSource, which cannot send headers. A ticket is 256 random bits, usable once
 * within `STREAM_TICKET_TTL_MS` (60 s) on any replica; the table holds only its SHA-256, so a
 * leaked table opens nothing.
 */
@Injectable()
export class StreamAuthenticator {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly tickets: StreamTicketsRepository,
    @Inject(STREAM_CONFIG) private readonly config: StreamConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issueTicket(principal: UserPrincipal): Promise<{ ticket: string; expiresAt: Date }> {
    const ticket = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.ticketTtlMs);
    await this.tickets.add(hashOf(ticket), principal, now, expiresAt);
    return { ticket, expiresAt };
  }

  /** The Authorization header wins over a ticket; neither is 401 `AUTH_REQUIRED`. */
  async authenticate(
    authorization: string | undefined,
    ticket: string | undefined,
  ): Promise<UserPrincipal> {
    if (authorization !== undefined || ticket === undefined) {
      return this.tokens.verify(bearerToken(authorization));
    }
    const claimed = await this.tickets.claim(hashOf(ticket));
    if (!claimed) {
      throw new DomainError(
        IdentityErrors.STREAM_TICKET_INVALID,
        401,
        'The stream ticket is not valid, or was used before: ask for a new one',
      );
    }
    if (claimed.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new DomainError(
        IdentityErrors.STREAM_TICKET_EXPIRED,
        401,
        'The stream ticket has expired: ask for a new one',
      );
    }
    return claimed.principal;
  }
}

function hashOf(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}
