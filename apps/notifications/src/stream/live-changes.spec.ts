import { EVENT_TYPES, type EventEnvelope, type EventType } from '#contracts';
import {
  COMPETITOR,
  EVENT_SAMPLES as SAMPLES,
  LEAD_PRICE,
} from '../../../../test/support/event-samples.js';
import { changeData, LIVE_CHANGE_RULES, liveChangesFor, NO_LIVE_CHANGE } from './live-changes.js';

const envelope = <T extends EventType>(type: T, subjectId = 'l1'): EventEnvelope =>
  ({
    event_id: 'ev1',
    event_type: type,
    version: 1,
    occurred_at: '2026-12-01T10:00:00.000Z',
    actor: { id: 'a1', role: 'system' },
    subject: { type: 'lead', id: subjectId },
    job_id: 'j1',
    correlation_id: 'corr1',
    causation_id: null,
    idempotency_key: null,
    payload: SAMPLES[type],
  }) as EventEnvelope;

describe('the live changes of the real-time stream', () => {
  it('decides for every event type: live changes, or none with a reason', () => {
    for (const type of EVENT_TYPES) {
      const hasRules = (LIVE_CHANGE_RULES[type]?.length ?? 0) > 0;
      expect({ type, decided: hasRules !== NO_LIVE_CHANGE.includes(type) }).toEqual({
        type,
        decided: true,
      });
    }
  });

  it('builds every change from its event without throwing, and carries ids only', () => {
    for (const type of EVENT_TYPES) {
      for (const change of liveChangesFor(envelope(type))) {
        const text = JSON.stringify(change.data);
        expect([type, change.audience, text.includes(String(LEAD_PRICE))]).toEqual([
          type,
          change.audience,
          false,
        ]);
        expect(text).not.toContain(COMPETITOR.id);
        expect(text).not.toMatch(/amount|price|commission|title|description|reason|body/);
        expect(change.data).toMatchObject({ event_id: 'ev1', event_type: type, job_id: 'j1' });
      }
    }
  });

  it('tells both parties of an accepted lead, with the conversation it opens', () => {
    const changes = liveChangesFor(envelope('LEAD_ACCEPTED'));
    expect(changes.map((change) => [change.audience, change.kind])).toEqual([
      ['customer', 'lead'],
      ['vendor', 'lead'],
    ]);
    expect(changes[0].data).toEqual({
      event_id: 'ev1',
      event_type: 'LEAD_ACCEPTED',
      occurred_at: '2026-12-01T10:00:00.000Z',
      job_id: 'j1',
      lead_id: 'l1',
      conversation_id: 'k1',
    });
  });

  it('never tells a customer of a lead merely offered, declined or expired', () => {
    for (const type of ['LEAD_OFFERED', 'LEAD_DECLINED', 'LEAD_EXPIRED'] as const) {
      expect(liveChangesFor(envelope(type)).map((change) => change.audience)).toEqual(['vendor']);
    }
    expect(changeData('lead', envelope('LEAD_EXPIRED', 'l7'))).toMatchObject({
      lead_id: 'l7',
      conversation_id: null,
    });
  });

  it('tells the vendors who lost an award that the job changed, not who won it', () => {
    const changes = liveChangesFor(envelope('QUOTE_ACCEPTED'));
    const losers = changes.filter((change) => change.audience === 'other_vendors');
    expect(losers).toEqual([
      {
        audience: 'other_vendors',
        kind: 'job',
        data: {
          event_id: 'ev1',
          event_type: 'QUOTE_ACCEPTED',
          occurred_at: '2026-12-01T10:00:00.000Z',
          job_id: 'j1',
        },
      },
    ]);
  });

  it('shows a message to the other participant, without its text', () => {
    expect(liveChangesFor(envelope('MESSAGE_SENT'))).toEqual([
      {
        audience: 'counterpart',
        kind: 'message',
        data: {
          event_id: 'ev1',
          event_type: 'MESSAGE_SENT',
          occurred_at: '2026-12-01T10:00:00.000Z',
          job_id: 'j1',
          conversation_id: 'k1',
          message_id: 'm1',
          sender_role: 'customer',
          message_type: 'text',
        },
      },
    ]);
  });
});
