import { NatsConnectionHolder, ensureStream, userEventStreamConfig } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';

/**
 * Creates the users' real-time stream, or brings its settings (`USER_EVENTS_MAX_AGE_MS`) up to
 * date, before the relay starts publishing to it at application bootstrap.
 */
@Injectable()
export class UserEventStreamSetup implements OnModuleInit {
  constructor(private readonly nats: NatsConnectionHolder) {}

  async onModuleInit(): Promise<void> {
    await ensureStream(await this.nats.manager(), userEventStreamConfig());
  }
}
