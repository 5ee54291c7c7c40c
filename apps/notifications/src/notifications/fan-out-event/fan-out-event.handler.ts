import type { EventEnvelope, NotificationItemData } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DeliveriesRepository } from '../../email/deliveries.repository.js';
import { EMAIL_CONFIG, type EmailConfig } from '../../email/email.config.js';
import { leadRevealedBy } from '../../event-log/job-audience.js';
import { JobParticipantsRepository } from '../../event-log/job-participants.repository.js';
import { effectiveChoice } from '../../preferences/preference-policy.js';
import { PreferencesRepository } from '../../preferences/preferences.repository.js';
import { RecipientsRepository } from '../../recipients/recipients.repository.js';
import { liveChangesFor } from '../../stream/live-changes.js';
import {
  UserEventItemsRepository,
  type NewUserEventItem,
} from '../../stream/user-event-items.repository.js';
import { AudienceRepository } from '../audience.repository.js';
import { NotificationMetrics } from '../notification-metrics.service.js';
import type { Audience, PlannedNotification } from '../notification-rule.js';
import { notificationsFor, plannedFor } from '../notification-rules.js';
import { NotificationsRepository } from '../notifications.repository.js';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config.js';
import { FanOutEventCommand } from './fan-out-event.command.js';

/** The recipients an audience of the rules names for the event at hand. */
type AudienceOf = (audience: Audience) => Promise<string[]>;

/** One notification to write: for this recipient, keyed by this event. */
interface Target {
  eventId: string;
  type: string;
  recipientId: string;
  planned: PlannedNotification;
}

/**
 * Learns what the event says about the job's participants and the recipients, then, unless the
 * event is older than `NOTIFICATION_MAX_EVENT_AGE_MS`, writes each notification the rules ask for: in-app and as an email to send, each as the recipient's
 * preferences allow, each once per event and recipient, and the real-time items of the
 * recipients' streams: one per in-app notification written, and the live changes the event
 * causes (`live-changes.ts`). Everything for one job is serialised by a transaction-scoped
 * advisory lock, so an award and a late acceptance cannot miss each other.
 */
@CommandHandler(FanOutEventCommand)
export class FanOutEventHandler implements ICommandHandler<FanOutEventCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly participants: JobParticipantsRepository,
    private readonly recipients: RecipientsRepository,
    private readonly audience: AudienceRepository,
    private readonly preferences: PreferencesRepository,
    private readonly notifications: NotificationsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly userEvents: UserEventItemsRepository,
    private readonly metrics: NotificationMetrics,
    @Inject(EMAIL_CONFIG) private readonly emailConfig: EmailConfig,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ event }: FanOutEventCommand): Promise<void> {
    // Joins the consumer's inbox transaction, so an event's notifications are written once.
    await this.em.transactional(
      async (em) => {
        const lock = event.job_id === null ? undefined : `notifications-fan-out:${event.job_id}`;
        await this.participants.learn(em, event, lock);
        await this.recipients.apply(em, event);
        if (this.isStale(event)) return;
        // The rules and the live changes often name the same audience: it is read once.
        const resolved = new Map<Audience, Promise<string[]>>();
        const audienceOf: AudienceOf = (audience) => {
          let recipients = resolved.get(audience);
          if (!recipients) {
            recipients = this.audience.resolve(em, event, audience);
            resolved.set(audience, recipients);
          }
          return recipients;
        };
        const targets = [
          ...(await this.targetsOf(event, audienceOf)),
          ...(await this.lateAward(em, event)),
        ];
        const items: NewUserEventItem[] = [];
        for (const target of targets) {
          const notification = await this.write(em, target, event.job_id);
          if (notification) {
            items.push({
              key: `notification:${notification.notification_id}`,
              recipientId: target.recipientId,
              kind: 'notification',
              data: notification,
            });
          }
        }
        items.push(...(await this.liveChanges(event, audienceOf)));
        await this.userEvents.add(em, items, event.correlation_id, this.clock.now());
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }

  private isStale(event: EventEnvelope): boolean {
    return this.clock.now().getTime() - Date.parse(event.occurred_at) > this.config.maxEventAgeMs;
  }

  private async targetsOf(event: EventEnvelope, audienceOf: AudienceOf): Promise<Target[]> {
    const targets: Target[] = [];
    for (const planned of notificationsFor(event)) {
      for (const recipientId of await audienceOf(planned.audience)) {
        targets.push({ eventId: event.event_id, type: event.event_type, recipientId, planned });
      }
    }
    return targets;
  }

  /**
   * A vendor whose acceptance is applied after the job was awarded to another still hears that
   * the job is gone, exactly as if the award had come second: keyed by the award, so once.
   */
  private async lateAward(em: EntityManager, event: EventEnvelope): Promise<Target[]> {
    const lead = leadRevealedBy(event);
    if (!lead?.accepted) return [];
    const award = await this.participants.award(em, lead.jobId);
    if (!award || award.vendorId === lead.vendorId) return [];
    return plannedFor('QUOTE_ACCEPTED', award.payload, 'other_vendors').map((planned) => ({
      eventId: award.eventId,
      type: 'QUOTE_ACCEPTED',
      recipientId: lead.vendorId,
      planned,
    }));
  }

  private async liveChanges(
    event: EventEnvelope,
    audienceOf: AudienceOf,
  ): Promise<NewUserEventItem[]> {
    const items: NewUserEventItem[] = [];
    for (const change of liveChangesFor(event)) {
      for (const recipientId of await audienceOf(change.audience)) {
        items.push({
          key: `${event.event_id}:${change.kind}:${recipientId}`,
          recipientId,
          kind: change.kind,
          data: change.data,
        });
      }
    }
    return items;
  }

  /** The in-app notification it added, if the recipient's preferences let it add one. */
  private async write(
    em: EntityManager,
    target: Target,
    jobId: string | null,
  ): Promise<NotificationItemData | null> {
    const { planned, recipientId } = target;
    const choice = effectiveChoice(await this.preferences.of(em, recipientId), planned.category);
    const now = this.clock.now();
    const content = {
      eventId: target.eventId,
      recipientId,
      type: target.type,
      category: planned.category,
      title: planned.text.title,
      body: planned.text.body,
      jobId,
    };
    let added: NotificationItemData | null = null;
    if (!choice.inApp) this.metrics.count('in_app', 'suppressed');
    else {
      const notificationId = await this.notifications.add(em, content, now);
      if (notificationId) {
        this.metrics.count('in_app', 'created');
        added = {
          notification_id: notificationId,
          type: content.type,
          title: content.title,
          body: content.body,
          job_id: jobId,
          created_at: now.toISOString(),
        };
      }
    }
    if (!choice.email) {
      this.metrics.count('email', 'suppressed');
      return added;
    }
    const dueAt = planned.digestKey
      ? await this.deliveries.digestDueAt(
          em,
          recipientId,
          planned.digestKey,
          now,
          this.emailConfig.messageDigestMs,
        )
      : now;
    const queued = await this.deliveries.add(
      em,
      { ...content, digestKey: planned.digestKey, dueAt },
      now,
    );
    if (queued) this.metrics.count('email', 'queued');
    return added;
  }
}
