import { EVENT_TYPES, type EventType } from '#contracts';
import {
  COMPETITOR,
  EVENT_SAMPLES as SAMPLES,
  LEAD_PRICE,
} from '../../../../test/support/event-samples.js';
import type { Audience } from './notification-rule.js';
import { NOTIFICATION_RULES, plannedFor, SILENT_EVENTS } from './notification-rules.js';

const rendered = (type: EventType, audience?: Audience) =>
  plannedFor(type, SAMPLES[type], audience).map((planned) => planned.text);

describe('the notification rules', () => {
  it('decides for every event type: rules, or silence with a reason', () => {
    for (const type of EVENT_TYPES) {
      const hasRules = (NOTIFICATION_RULES[type]?.length ?? 0) > 0;
      expect({ type, decided: hasRules !== SILENT_EVENTS.includes(type) }).toEqual({
        type,
        decided: true,
      });
    }
  });

  it('says what the reference flow says', () => {
    expect(rendered('LEAD_OFFERED', 'vendor')[0].title).toBe('New lead: Fix leaking kitchen tap');
    expect(rendered('LEAD_ACCEPTED', 'customer')[0].title).toBe('A tradesperson accepted your job');
    expect(rendered('LEAD_ACCEPTED', 'vendor')[0].title).toBe('Lead accepted. Messaging enabled.');
    expect(rendered('QUOTE_SENT', 'customer')[0].title).toBe('Quote received: £120');
    expect(rendered('QUOTE_UPDATED', 'customer')[0].title).toBe('Quote updated: £99.50');
    expect(rendered('QUOTE_ACCEPTED', 'vendor')[0].title).toBe(
      'Your quote was accepted! £120 job starts now.',
    );
    expect(rendered('QUOTE_ACCEPTED', 'other_vendors')[0].title).toBe(
      'This job is no longer available',
    );
    expect(rendered('FUNDS_RELEASED', 'vendor')[0]).toEqual({
      title: 'Payment released: £114',
      body: '£120 for a milestone, less £6 commission, is in your wallet.',
    });
    expect(rendered('MILESTONE_SUBMITTED', 'customer')[0].body).toContain('17 Dec 2026, 14:05');
  });

  it('tells both parties and the admins of a dispute, and of evidence only the other party', () => {
    expect(plannedFor('DISPUTE_OPENED', SAMPLES.DISPUTE_OPENED).map((p) => p.audience)).toEqual([
      'customer',
      'vendor',
      'admins',
    ]);
    expect(rendered('DISPUTE_OPENED', 'vendor')[0].title).toBe('The customer opened a dispute');
    expect(plannedFor('DISPUTE_EVIDENCE_ADDED', SAMPLES.DISPUTE_EVIDENCE_ADDED)).toEqual([
      expect.objectContaining({ audience: 'customer', category: 'disputes' }),
    ]);
    expect(rendered('DISPUTE_RESOLVED', 'vendor')[0].body).toContain('£76 to your wallet');
  });

  it('tells a vendor of a published review, and the admins of one held for moderation', () => {
    expect(rendered('REVIEW_POSTED', 'vendor')[0].title).toBe('New review: 4 out of 5');
    const held = { ...SAMPLES.REVIEW_POSTED, status: 'pending_moderation' as const };
    expect(plannedFor('REVIEW_POSTED', held).map((p) => p.audience)).toEqual(['admins']);
    expect(rendered('REVIEW_MODERATED', 'customer')[0].title).toBe('Your review was not published');
  });

  it('batches a conversation’s emails and says nothing of the service’s own lines', () => {
    expect(plannedFor('MESSAGE_SENT', SAMPLES.MESSAGE_SENT)).toEqual([
      expect.objectContaining({
        audience: 'counterpart',
        category: 'messages',
        digestKey: 'conversation:k1',
      }),
    ]);
    const systemLine = { ...SAMPLES.MESSAGE_SENT, sender_role: 'system' as const };
    expect(plannedFor('MESSAGE_SENT', systemLine)).toEqual([]);
  });

  it('puts money and disputes in the locked categories', () => {
    for (const type of EVENT_TYPES) {
      for (const planned of plannedFor(type, SAMPLES[type])) {
        if (type.startsWith('DISPUTE_')) expect(planned.category).toBe('disputes');
        if (/^(ESCROW|MILESTONE|FUNDS|WALLET|PAYOUT|LEAD_REFUNDED)/.test(type)) {
          expect(planned.category).toBe('payments');
        }
      }
    }
  });

  it('never shows a customer a lead price, nor a vendor a competitor or how many there are', () => {
    const vendorAudiences: Audience[] = ['vendor', 'other_vendors', 'cancelled_vendors', 'owner'];
    for (const type of EVENT_TYPES) {
      for (const planned of plannedFor(type, SAMPLES[type])) {
        const text = `${planned.text.title} ${planned.text.body}`;
        if (planned.audience === 'customer') expect(text).not.toContain(String(LEAD_PRICE));
        if (vendorAudiences.includes(planned.audience)) {
          // l9 is the other accepted lead of the cancelled job.
          for (const secret of [COMPETITOR.id, COMPETITOR.name, String(COMPETITOR.count), 'l9']) {
            expect(text).not.toContain(secret);
          }
        }
      }
    }
    expect(NOTIFICATION_RULES.LEAD_REFUNDED?.map((rule) => rule.audience)).toEqual(['owner']);
  });
});
