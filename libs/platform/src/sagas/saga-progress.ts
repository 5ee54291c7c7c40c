import { CommonErrors, type BusErrorPayload } from '#contracts';
import type {
  LocalStep,
  RemoteCall,
  RemoteStep,
  SagaDefinition,
  SagaKeys,
  SagaStatus,
} from './saga.js';

/**
 * Where a run stands. Running at `step`: steps before it are done, it is next. Compensating at
 * `step`: its compensation is next, then those of the steps before it, in reverse order.
 */
export interface SagaProgress<S> {
  status: SagaStatus;
  step: number;
  state: S;
  attempts: number;
  nextAttemptAt: Date;
  /** When the current phase (forward, or compensation) began: the give-up clock. */
  phaseStartedAt: Date;
  /** Why it is compensating, compensated or failed: what the initiator is told. */
  error: BusErrorPayload | null;
  /** The last failure of the current step, for operators. */
  lastError: string | null;
}

/** What came of executing the current step (or compensation). */
export type StepOutcome<S> =
  /** It took effect (a local step committed, a remote one answered). */
  | { kind: 'done'; state: S }
  /** A rule refused it (a DomainError below 500): it did not happen and will not. */
  | { kind: 'refused'; error: BusErrorPayload }
  /** No answer, or an infrastructure failure: it may or may not have happened. */
  | { kind: 'unknown'; error: string };

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A phase still unfinished after this long gives up: forward work compensates, compensation fails. */
  giveUpMs: number;
}

/** What the engine does next for a run. */
export type SagaAction<S> =
  | { kind: 'local'; phase: 'forward' | 'compensation'; step: LocalStep<S> }
  | { kind: 'remote'; phase: 'forward' | 'compensation'; step: RemoteStep<S>; call: RemoteCall }
  | { kind: 'finished' };

export function sagaKeys(sagaId: string, stepName: string): SagaKeys {
  const forward = `saga:${sagaId}:${stepName}`;
  return { forward, compensation: `${forward}:undo` };
}

export function initialProgress<S>(state: S, now: Date): SagaProgress<S> {
  return {
    status: 'running',
    step: 0,
    state,
    attempts: 0,
    nextAttemptAt: now,
    phaseStartedAt: now,
    error: null,
    lastError: null,
  };
}

export function nextAction<S>(
  definition: SagaDefinition<S>,
  progress: SagaProgress<S>,
  keys: (stepName: string) => SagaKeys,
): SagaAction<S> {
  if (progress.status !== 'running' && progress.status !== 'compensating') {
    return { kind: 'finished' };
  }
  const step = definition.steps[progress.step];
  const phase = progress.status === 'running' ? 'forward' : 'compensation';
  if (step.kind === 'local') return { kind: 'local', phase, step };
  const stepKeys = keys(step.name);
  const call =
    phase === 'forward'
      ? step.invoke(progress.state, stepKeys)
      : step.compensate!(progress.state, stepKeys);
  return { kind: 'remote', phase, step, call };
}

/** The run after `outcome` of its current step, at `now`. */
export function advance<S>(
  definition: SagaDefinition<S>,
  progress: SagaProgress<S>,
  outcome: StepOutcome<S>,
  now: Date,
  policy: RetryPolicy,
): SagaProgress<S> {
  const fresh = { attempts: 0, nextAttemptAt: now, lastError: null };
  if (progress.status === 'running') {
    if (outcome.kind === 'done') {
      const step = progress.step + 1;
      const status = step === definition.steps.length ? 'completed' : 'running';
      return { ...progress, ...fresh, status, step, state: outcome.state };
    }
    if (outcome.kind === 'refused') {
      return compensateFrom(definition, progress, progress.step - 1, outcome.error, now);
    }
    if (gaveUp(progress, now, policy)) {
      // A remote step that never answered may have happened: its own compensation runs too.
      const current = definition.steps[progress.step];
      const from = current.kind === 'remote' ? progress.step : progress.step - 1;
      return compensateFrom(definition, progress, from, gaveUpError(), now);
    }
    return retry(progress, outcome.error, now, policy);
  }
  if (progress.status !== 'compensating') return progress;
  if (outcome.kind === 'done') {
    const compensated = { ...progress, state: outcome.state };
    return compensateFrom(definition, compensated, progress.step - 1, progress.error, now);
  }
  const reason = outcome.kind === 'refused' ? outcome.error.message : outcome.error;
  if (gaveUp(progress, now, policy)) {
    return { ...progress, ...fresh, status: 'failed', lastError: reason };
  }
  return retry(progress, reason, now, policy);
}

/** The exponential delay before retry number `attempt` (1 for the first). */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

function retry<S>(
  progress: SagaProgress<S>,
  error: string,
  now: Date,
  policy: RetryPolicy,
): SagaProgress<S> {
  const attempts = progress.attempts + 1;
  return {
    ...progress,
    attempts,
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy)),
    lastError: error,
  };
}

/** Compensating from the highest step at or below `index` that has a compensation. */
function compensateFrom<S>(
  definition: SagaDefinition<S>,
  progress: SagaProgress<S>,
  index: number,
  error: BusErrorPayload | null,
  now: Date,
): SagaProgress<S> {
  let step = index;
  while (step >= 0 && !definition.steps[step].compensate) step--;
  const status = step < 0 ? 'compensated' : 'compensating';
  const phaseStartedAt = progress.status === 'running' ? now : progress.phaseStartedAt;
  return {
    ...progress,
    status,
    step: Math.max(step, 0),
    attempts: 0,
    nextAttemptAt: now,
    phaseStartedAt,
    error,
    lastError: null,
  };
}

function gaveUp<S>(progress: SagaProgress<S>, now: Date, policy: RetryPolicy): boolean {
  return now.getTime() - progress.phaseStartedAt.getTime() >= policy.giveUpMs;
}

function gaveUpError(): BusErrorPayload {
  return {
    code: CommonErrors.UPSTREAM_TIMEOUT,
    status: 504,
    message: 'A service did not answer in time; the action was undone',
  };
}
