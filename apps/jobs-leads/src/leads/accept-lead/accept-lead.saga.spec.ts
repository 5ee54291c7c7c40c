import { givenSaga, SCENARIO_SAGA_ID } from '#platform';
import { AcceptLeadSaga, type AcceptLeadState } from './accept-lead.saga.js';

// The step bodies need a database; given/expect checks what the engine does around them.
const { definition } = new AcceptLeadSaga(
  { register: () => undefined } as never,
  {} as never,
  {} as never,
  {} as never,
);
const leadId = '01a20373-6448-70ee-bd40-0586b9c3dbcb';
const vendorId = '01a20373-6448-70ee-bd40-0586b9c3dbcc';
const start: AcceptLeadState = {
  leadId,
  vendorId,
  idempotencyKey: 'key-00000001',
  vendorContact: { name: 'Bob Builder', email: 'bob@example.com' },
  pricePence: null,
  reply: null,
};
const claimed = { ...start, pricePence: 750 };
const chargeKey = `saga:${SCENARIO_SAGA_ID}:charge`;
const refund = {
  kind: 'remote',
  phase: 'compensation',
  step: 'charge',
  subject: 'escrow.lead.refund',
  data: { lead_id: leadId, charge_key: chargeKey, reason: 'acceptance_failed' },
};
const refused = (code: string, status: number) => ({ code, status, message: code });

describe('AcceptLeadSaga step by step', () => {
  it('claims the offer first, in the saga’s own service', () => {
    expect(givenSaga(definition, start).expectNext()).toEqual({
      kind: 'local',
      phase: 'forward',
      step: 'claim',
    });
  });

  it('then charges the claimed price under the saga’s own key, retried with the same key', () => {
    const charging = givenSaga(definition, start).whenDone(claimed);
    const charge = {
      kind: 'remote',
      phase: 'forward',
      step: 'charge',
      subject: 'escrow.lead.charge',
      data: { lead_id: leadId, vendor_id: vendorId, amount: 7.5, idempotency_key: chargeKey },
    };
    expect(charging.expectNext()).toEqual(charge);
    expect(charging.whenNoAnswer().whenNoAnswer().expectNext()).toEqual(charge);
  });

  it('then accepts locally, and completes with the accept reply', () => {
    const accepting = givenSaga(definition, claimed).atStep('charge').whenReplied({});
    expect(accepting.expectNext()).toEqual({ kind: 'local', phase: 'forward', step: 'accept' });
    const reply = { lead_id: leadId, conversation_id: 'c', event_id: 'e', message: 'm' };
    const done = accepting.whenDone({ ...claimed, reply });
    expect(done.expectNext()).toEqual({ kind: 'finished', status: 'completed', error: null });
    expect(definition.result(done.state)).toEqual(reply);
  });

  it('charges nothing when the claim is refused (a lead already accepted, another’s, closed)', () => {
    const refusal = refused('LEAD_ALREADY_ACCEPTED', 409);
    expect(givenSaga(definition, start).whenRefused(refusal).expectNext()).toEqual({
      kind: 'finished',
      status: 'compensated',
      error: refusal,
    });
  });

  it('releases the claim when escrow refuses the charge (not enough money)', () => {
    const refusal = refused('INSUFFICIENT_FUNDS', 402);
    const releasing = givenSaga(definition, claimed).atStep('charge').whenRefused(refusal);
    expect(releasing.expectNext()).toEqual({ kind: 'local', phase: 'compensation', step: 'claim' });
    expect(releasing.whenDone().expectNext()).toEqual({
      kind: 'finished',
      status: 'compensated',
      error: refusal,
    });
  });

  it('refunds exactly that charge, then releases the claim, when accepting is refused', () => {
    const refusal = refused('LEAD_NOT_OFFERED', 409);
    const refunding = givenSaga(definition, claimed).atStep('accept').whenRefused(refusal);
    expect(refunding.expectNext()).toEqual(refund);
    const unanswered = refunding.whenNoAnswer();
    expect(unanswered.expectNext()).toEqual(refund);
    const releasing = unanswered.whenReplied({ refunded: 7.5 });
    expect(releasing.expectNext()).toEqual({ kind: 'local', phase: 'compensation', step: 'claim' });
    expect(releasing.whenDone().status).toBe('compensated');
  });

  it('gives a charge that never answers up by refunding (voiding) its key, then releasing', () => {
    const stuck = givenSaga(definition, claimed).atStep('charge').later(60_000).whenNoAnswer();
    expect(stuck.expectNext()).toEqual(refund);
    expect(stuck.progress.error).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });

  it('keeps retrying a refund that fails, and ends failed, visibly, when it gives up', () => {
    const refunding = givenSaga(definition, claimed)
      .atStep('accept')
      .whenRefused(refused('LEAD_NOT_OFFERED', 409));
    const retrying = refunding.whenNoAnswer().whenNoAnswer();
    expect(retrying.status).toBe('compensating');
    expect(retrying.expectNext()).toEqual(refund);
    expect(retrying.later(60_000).whenNoAnswer().status).toBe('failed');
  });
});
