import type { ReadAllReply } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotificationsRepository } from '../notifications.repository.js';
import { MarkAllReadCommand } from './mark-all-read.command.js';

@CommandHandler(MarkAllReadCommand)
export class MarkAllReadHandler implements ICommandHandler<MarkAllReadCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ recipient }: MarkAllReadCommand): Promise<ReadAllReply> {
    const marked = await this.notifications.markAllRead(
      this.em,
      recipient.userId,
      this.clock.now(),
    );
    // One that arrived meanwhile is still unread.
    return {
      marked,
      unread_count: await this.notifications.unreadCount(this.em, recipient.userId),
    };
  }
}
