import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { StreamAuthenticator } from './stream-authenticator.service.js';
import { StreamConnections } from './stream-connections.service.js';
import { StreamTicketSweepPoller } from './stream-ticket-sweep.poller.js';
import { StreamTicketsRepository } from './stream-tickets.repository.js';
import { StreamController } from './stream.controller.js';
import { STREAM_CONFIG, loadStreamConfig } from './stream.config.js';
import { UserEventsFeed } from './user-events-feed.service.js';

/** The real-time stream: tickets, the streams open on this replica, and the feed behind them. */
@Module({
  imports: [IdentityModule],
  controllers: [StreamController],
  providers: [
    { provide: STREAM_CONFIG, useFactory: loadStreamConfig },
    StreamTicketsRepository,
    StreamTicketSweepPoller,
    StreamAuthenticator,
    StreamConnections,
    UserEventsFeed,
  ],
})
export class StreamModule {}
