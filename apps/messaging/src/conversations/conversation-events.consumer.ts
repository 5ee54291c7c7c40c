import { EventConsumers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConversationsService } from './conversations.service.js';

/**
 * Opens conversations on `LEAD_ACCEPTED` and locks them on `JOB_CANCELLED`. One consumer for
 * both, in stream order: a cancellation must never be applied before the acceptance it follows.
 */
@Injectable()
export class ConversationEventsConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly conversations: ConversationsService,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      durableName: 'messaging-job-events',
      filterSubject: 'events.jobs-leads.>',
      handle: async (envelope, em) => {
        switch (envelope.event_type) {
          case 'LEAD_ACCEPTED':
            return this.conversations.openOnLeadAccepted(envelope, em);
          case 'JOB_CANCELLED':
            return this.conversations.lockOnJobCancelled(envelope, em);
          default:
            return;
        }
      },
    });
  }
}
