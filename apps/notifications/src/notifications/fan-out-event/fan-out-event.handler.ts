import type { EventEnvelope } from '#contracts';
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
import { AudienceRepository } from '../audience.repository.js';
import { NotificationMetrics } from '../notification-metrics.service.js';
import type { PlannedNotification } from '../notification-rule.js';
import { notificationsFor, plannedFor } from '../notification-rules.js';
import { NotificationsRepository } from '../notifications.repository.js';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config.js';
import { FanOutEventCommand } from './fan-out-event.command.js';

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
 * preferences allow, each once per event and recipient. Everything for one job is serialised by
 * a transaction-scoped advisory lock, so an award and a late acceptance cannot miss each other.
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
    private readonly metrics: NotificationMetrics,
    @Inject(EMAIL_CONFIG) private readonly emailConfig: EmailConfig,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ event }: FanOutEventCommand): Promise<void> {
    // Joins the consumer's inbox transaction, so an event's notifications are written once.
    await this.em.transactional(
      async (em) => {
        if (event.job_id !== null) {
          await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
            `notifications-fan-out:${event.job_id}`,
          ]);
        }
        await this.participants.learn(em, event);
        await this.recipients.apply(em, event);
        if (this.isStale(event)) return;
        const targets = [
          ...(await this.targetsOf(em, event)),
          ...(await this.lateAward(em, event)),
        ];
        for (const target of targets) await this.write(em, target, event.job_id);
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }

  private isStale(event: EventEnvelope): boolean {
    return this.clock.now().getTime() - Date.parse(event.occurred_at) > this.config.maxEventAgeMs;
  }

  private async targetsOf(em: EntityManager, event: EventEnvelope): Promise<Target[]> {
    const targets: Target[] = [];
    for (const planned of notificationsFor(event)) {
      for (const recipientId of await this.audience.resolve(em, event, planned.audience)) {
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

  private async write(em: EntityManager, target: Target, jobId: string | null): Promise<void> {
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
    if (!choice.inApp) this.metrics.count('in_app', 'suppressed');
    else if (await this.notifications.add(em, content, now))
      this.metrics.count('in_app', 'created');
    if (!choice.email) {
      this.metrics.count('email', 'suppressed');
      return;
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
  }
}
