import { EscrowApi } from '#contracts';
import { call, saga } from './saga.js';
import { givenSaga, SCENARIO_SAGA_ID } from './saga-scenario.js';

interface State {
  reserved: boolean;
  charged: string | null;
}

const noop = async (state: State) => state;

/** Reserve locally, charge remotely, confirm locally; the charge and the reservation undo. */
const toySaga = saga<State>('toy')
  .local({ name: 'reserve', run: noop, compensate: noop })
  .remote({
    name: 'charge',
    invoke: (_state, keys) =>
      call(EscrowApi.chargeLead, {
        lead_id: 'lead',
        vendor_id: 'vendor',
        amount: 2.5,
        idempotency_key: keys.forward,
      }),
    onReply: (state, reply) => ({ ...state, charged: reply.transaction_id }),
    compensate: (_state, keys) =>
      call(EscrowApi.refundLead, {
        lead_id: 'lead',
        charge_key: keys.forward,
        reason: 'acceptance_failed',
      }),
  })
  .local({ name: 'confirm', run: noop })
  .build((state) => ({ charged: state.charged }));

const start: State = { reserved: false, charged: null };
const refusal = { code: 'INSUFFICIENT_FUNDS', status: 402, message: 'Not enough money' };
const chargeKey = `saga:${SCENARIO_SAGA_ID}:charge`;

describe('saga progress (the engine’s decisions, without infrastructure)', () => {
  it('runs the steps in order and completes with the result', () => {
    const started = givenSaga(toySaga, start);
    expect(started.expectNext()).toEqual({ kind: 'local', phase: 'forward', step: 'reserve' });
    const charging = started.whenDone({ reserved: true, charged: null });
    expect(charging.expectNext()).toEqual({
      kind: 'remote',
      phase: 'forward',
      step: 'charge',
      subject: 'escrow.lead.charge',
      data: { lead_id: 'lead', vendor_id: 'vendor', amount: 2.5, idempotency_key: chargeKey },
    });
    const confirming = charging.whenReplied({ transaction_id: 'tx-1' });
    expect(confirming.state.charged).toBe('tx-1');
    expect(confirming.expectNext()).toEqual({ kind: 'local', phase: 'forward', step: 'confirm' });
    expect(confirming.whenDone().expectNext()).toEqual({
      kind: 'finished',
      status: 'completed',
      error: null,
    });
  });

  it('retries a step that got no answer under the same key, with growing delays', () => {
    const once = givenSaga(toySaga, start).atStep('charge').whenNoAnswer();
    const twice = once.whenNoAnswer();
    expect(once.status).toBe('running');
    expect(once.expectNext()).toMatchObject({
      step: 'charge',
      data: { idempotency_key: chargeKey },
    });
    expect(twice.expectNext()).toMatchObject({
      step: 'charge',
      data: { idempotency_key: chargeKey },
    });
    const delay = (scenario: typeof once) =>
      scenario.progress.nextAttemptAt.getTime() - new Date('2026-01-01T00:00:00Z').getTime();
    expect([delay(once), delay(twice)]).toEqual([200, 400]);
  });

  it('compensates the steps before a refused one, in reverse order, and reports the refusal', () => {
    const refused = givenSaga(toySaga, start).atStep('charge').whenRefused(refusal);
    expect(refused.status).toBe('compensating');
    expect(refused.expectNext()).toEqual({ kind: 'local', phase: 'compensation', step: 'reserve' });
    expect(refused.whenDone().expectNext()).toEqual({
      kind: 'finished',
      status: 'compensated',
      error: refusal,
    });
  });

  it('undoes a charge (by its own key) when the step after it is refused', () => {
    const refused = givenSaga(toySaga, start).atStep('confirm').whenRefused(refusal);
    expect(refused.expectNext()).toEqual({
      kind: 'remote',
      phase: 'compensation',
      step: 'charge',
      subject: 'escrow.lead.refund',
      data: { lead_id: 'lead', charge_key: chargeKey, reason: 'acceptance_failed' },
    });
    expect(refused.whenReplied({}).expectNext()).toEqual({
      kind: 'local',
      phase: 'compensation',
      step: 'reserve',
    });
  });

  it('a refused first step compensates nothing', () => {
    const refused = givenSaga(toySaga, start).whenRefused(refusal);
    expect(refused.expectNext()).toEqual({
      kind: 'finished',
      status: 'compensated',
      error: refusal,
    });
  });

  it('gives up on a step that never answers and compensates it too, since it may have happened', () => {
    const stuck = givenSaga(toySaga, start).atStep('charge').later(60_000).whenNoAnswer();
    expect(stuck.status).toBe('compensating');
    expect(stuck.progress.error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', status: 504 });
    expect(stuck.expectNext()).toMatchObject({ phase: 'compensation', step: 'charge' });
  });

  it('retries a failing compensation and ends failed, not silent, once it gives up', () => {
    const compensating = givenSaga(toySaga, start).atStep('confirm').whenRefused(refusal);
    const retried = compensating.whenNoAnswer().whenRefused(refusal);
    expect(retried.status).toBe('compensating');
    expect(retried.expectNext()).toMatchObject({ phase: 'compensation', step: 'charge' });
    const failed = retried.later(60_000).whenNoAnswer();
    expect(failed.expectNext()).toEqual({ kind: 'finished', status: 'failed', error: refusal });
  });
});
