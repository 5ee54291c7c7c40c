import { Module } from '@nestjs/common';
import { UserEventItemsRepository } from './user-event-items.repository.js';
import { UserEventStreamSetup } from './user-event-stream.setup.js';

/** Each recipient's real-time items: the stream they go to, and how they are written. */
@Module({
  providers: [UserEventStreamSetup, UserEventItemsRepository],
  exports: [UserEventItemsRepository],
})
export class StreamModule {}
