import { givenSaga, SCENARIO_SAGA_ID } from '#platform';
import { AwardQuoteSaga, type AwardQuoteState } from './award-quote.saga.js';

// The step bodies need a database; given/expect checks what the engine does around them.
const { definition } = new AwardQuoteSaga(
  { register: () => undefined } as never,
  {} as never,
  {} as never,
  {} as never,
  {} as never,
);
const quoteId = '01a20373-6448-70ee-bd40-0586b9c3dbc1';
const customerId = '01a20373-6448-70ee-bd40-0586b9c3dbc2';
const jobId = '01a20373-6448-70ee-bd40-0586b9c3dbc3';
const vendorId = '01a20373-6448-70ee-bd40-0586b9c3dbc4';
const escrowAccountId = '01a20373-6448-70ee-bd40-0586b9c3dbc5';
const start: AwardQuoteState = {
  quoteId,
  customerId,
  award: null,
  escrowAccountId: null,
  reply: null,
};
const reserved: AwardQuoteState = {
  ...start,
  award: {
    jobId,
    vendorId,
    amountPence: 12_050,
    milestones: [
      { title: 'Remove old tiles', amountPence: 4025 },
      { title: 'Fit new tiles', amountPence: 8025 },
    ],
  },
};
const funded: AwardQuoteState = { ...reserved, escrowAccountId };
const fundKey = `saga:${SCENARIO_SAGA_ID}:fund`;
const fund = {
  kind: 'remote',
  phase: 'forward',
  step: 'fund',
  subject: 'escrow.account.fund',
  data: {
    job_id: jobId,
    quote_id: quoteId,
    customer_id: customerId,
    vendor_id: vendorId,
    amount: 120.5,
    milestones: [
      { title: 'Remove old tiles', amount: 40.25 },
      { title: 'Fit new tiles', amount: 80.25 },
    ],
    idempotency_key: fundKey,
  },
};
const refund = {
  kind: 'remote',
  phase: 'compensation',
  step: 'fund',
  subject: 'escrow.account.refund',
  data: { job_id: jobId, fund_key: fundKey, reason: 'award_failed' },
};
const release = { kind: 'local', phase: 'compensation', step: 'reserve' };
const fundReply = {
  escrow_account_id: escrowAccountId,
  job_id: jobId,
  transaction_id: 't',
  funded: 120.5,
};
const refused = (code: string, status: number) => ({ code, status, message: code });

describe('AwardQuoteSaga step by step', () => {
  it('reserves the job and the quote first, in the saga’s own service', () => {
    expect(givenSaga(definition, start).expectNext()).toEqual({
      kind: 'local',
      phase: 'forward',
      step: 'reserve',
    });
  });

  it('then funds escrow with the quote’s amount and stages in pounds, under the saga’s fund key', () => {
    expect(givenSaga(definition, start).whenDone(reserved).expectNext()).toEqual(fund);
  });

  it('sends the same funding under the same key again when escrow does not answer', () => {
    const funding = givenSaga(definition, reserved).atStep('fund');
    const retried = funding.whenNoAnswer().whenNoAnswer();
    expect(retried.status).toBe('running');
    expect(retried.progress.attempts).toBe(2);
    expect(retried.expectNext()).toEqual(fund);
  });

  it('keeps the escrow account escrow answered, then awards locally and completes with the reply', () => {
    const awarding = givenSaga(definition, reserved).atStep('fund').whenReplied(fundReply);
    expect(awarding.state.escrowAccountId).toBe(escrowAccountId);
    expect(awarding.expectNext()).toEqual({ kind: 'local', phase: 'forward', step: 'award' });
    const reply = {
      quote_id: quoteId,
      job_id: jobId,
      escrow_account_id: escrowAccountId,
      status: 'accepted' as const,
      event_id: 'e',
      message: 'Quote accepted! Job is now in progress.',
    };
    const done = awarding.whenDone({ ...awarding.state, reply });
    expect(done.expectNext()).toEqual({ kind: 'finished', status: 'completed', error: null });
    expect(definition.result(done.state)).toEqual(reply);
  });

  it('funds nothing when the reservation is refused (job already awarded, not live, another’s)', () => {
    for (const refusal of [
      refused('JOB_ALREADY_AWARDED', 409),
      refused('JOB_NOT_LIVE', 409),
      refused('QUOTE_NOT_FOUND', 404),
    ]) {
      expect(givenSaga(definition, start).whenRefused(refusal).expectNext()).toEqual({
        kind: 'finished',
        status: 'compensated',
        error: refusal,
      });
    }
  });

  it('releases the reservation when escrow refuses the funding with 402, and ends with that 402', () => {
    const refusal = {
      ...refused('ESCROW_INSUFFICIENT_BALANCE', 402),
      details: { required: 120.5, available: 20 },
    };
    const releasing = givenSaga(definition, reserved).atStep('fund').whenRefused(refusal);
    expect(releasing.status).toBe('compensating');
    expect(releasing.expectNext()).toEqual(release);
    expect(releasing.whenDone().expectNext()).toEqual({
      kind: 'finished',
      status: 'compensated',
      error: refusal,
    });
  });

  it('refunds exactly that funding by its key, then releases, when the award is refused', () => {
    const refusal = refused('INVALID_STATE_TRANSITION', 409);
    const refunding = givenSaga(definition, funded).atStep('award').whenRefused(refusal);
    expect(refunding.expectNext()).toEqual(refund);
    const unanswered = refunding.whenNoAnswer();
    expect(unanswered.expectNext()).toEqual(refund);
    const releasing = unanswered.whenReplied({
      escrow_account_id: escrowAccountId,
      refunded: 120.5,
    });
    expect(releasing.expectNext()).toEqual(release);
    expect(releasing.whenDone().expectNext()).toEqual({
      kind: 'finished',
      status: 'compensated',
      error: refusal,
    });
  });

  it('gives up a funding that never answers by refunding (voiding) its key, then releasing', () => {
    const stuck = givenSaga(definition, reserved).atStep('fund').later(60_000).whenNoAnswer();
    expect(stuck.status).toBe('compensating');
    expect(stuck.expectNext()).toEqual(refund);
    expect(stuck.progress.error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', status: 504 });
    expect(stuck.whenReplied({ escrow_account_id: null, refunded: 0 }).expectNext()).toEqual(
      release,
    );
  });

  it('refunds the funding when the award itself cannot be committed in time', () => {
    const stuck = givenSaga(definition, funded).atStep('award').later(60_000).whenNoAnswer();
    expect(stuck.expectNext()).toEqual(refund);
  });

  it('keeps retrying a refund that fails, and ends failed, visibly, when it gives up', () => {
    const refunding = givenSaga(definition, funded)
      .atStep('award')
      .whenRefused(refused('INVALID_STATE_TRANSITION', 409));
    const retrying = refunding.whenNoAnswer().whenRefused(refused('VALIDATION_FAILED', 400));
    expect(retrying.status).toBe('compensating');
    expect(retrying.expectNext()).toEqual(refund);
    const failed = retrying.later(60_000).whenNoAnswer();
    expect(failed.status).toBe('failed');
    expect(failed.expectNext()).toMatchObject({ kind: 'finished', status: 'failed' });
  });

  it('ends failed when releasing the reservation keeps failing', () => {
    const releasing = givenSaga(definition, reserved)
      .atStep('fund')
      .whenRefused(refused('ESCROW_INSUFFICIENT_BALANCE', 402));
    expect(releasing.whenNoAnswer().status).toBe('compensating');
    expect(releasing.later(60_000).whenNoAnswer().status).toBe('failed');
  });
});
