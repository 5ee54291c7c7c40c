import type { BusErrorPayload } from '#contracts';
import type { SagaDefinition, SagaStatus } from './saga.js';
import {
  advance,
  initialProgress,
  nextAction,
  sagaKeys,
  type RetryPolicy,
  type SagaProgress,
  type StepOutcome,
} from './saga-progress.js';

/** What the engine would do next, in terms a spec can compare with `toEqual`. */
export type ExpectedAction =
  | { kind: 'local'; phase: 'forward' | 'compensation'; step: string }
  | {
      kind: 'remote';
      phase: 'forward' | 'compensation';
      step: string;
      subject: string;
      data: unknown;
    }
  | { kind: 'finished'; status: SagaStatus; error: BusErrorPayload | null };

export const SCENARIO_SAGA_ID = '00000000-0000-7000-8000-000000000000';
const SCENARIO_START = new Date('2026-01-01T00:00:00Z');
const SCENARIO_POLICY: RetryPolicy = { baseDelayMs: 200, maxDelayMs: 10_000, giveUpMs: 60_000 };

/**
 * Given/expect tests of a saga type without infrastructure: given a run at some step with some
 * state, when its current step answers this way, expect this next command or compensation.
 *
 *   givenSaga(acceptLead, state).atStep('charge').whenRefused(insufficientFunds).expectNext()
 */
export class SagaScenario<S> {
  constructor(
    private readonly definition: SagaDefinition<S>,
    readonly progress: SagaProgress<S>,
    private readonly now: Date = SCENARIO_START,
    private readonly policy: RetryPolicy = SCENARIO_POLICY,
  ) {}

  get status(): SagaStatus {
    return this.progress.status;
  }

  get state(): S {
    return this.progress.state;
  }

  /** The run positioned at a step, e.g. after the steps before it succeeded. */
  atStep(name: string, status: 'running' | 'compensating' = 'running'): SagaScenario<S> {
    const step = this.definition.steps.findIndex((candidate) => candidate.name === name);
    if (step < 0) throw new Error(`saga ${this.definition.type} has no step ${name}`);
    return this.with({ ...this.progress, status, step });
  }

  /** The same run `ms` later (for the give-up rules). */
  later(ms: number): SagaScenario<S> {
    return new SagaScenario(
      this.definition,
      this.progress,
      new Date(this.now.getTime() + ms),
      this.policy,
    );
  }

  expectNext(): ExpectedAction {
    const action = nextAction(this.definition, this.progress, (name) =>
      sagaKeys(SCENARIO_SAGA_ID, name),
    );
    if (action.kind === 'finished') {
      return { kind: 'finished', status: this.progress.status, error: this.progress.error };
    }
    if (action.kind === 'local') {
      return { kind: 'local', phase: action.phase, step: action.step.name };
    }
    return {
      kind: 'remote',
      phase: action.phase,
      step: action.step.name,
      subject: action.call.endpoint.subject,
      data: action.call.data,
    };
  }

  /** The current local step (or compensation) committed, leaving `state`. */
  whenDone(state: S = this.progress.state): SagaScenario<S> {
    return this.after({ kind: 'done', state });
  }

  /** The current remote step answered `reply`. */
  whenReplied(reply: unknown): SagaScenario<S> {
    const step = this.definition.steps[this.progress.step];
    if (step.kind !== 'remote') throw new Error(`${step.name} is not a remote step`);
    const state =
      this.progress.status === 'running'
        ? step.onReply(this.progress.state, reply)
        : this.progress.state;
    return this.after({ kind: 'done', state });
  }

  /** A rule refused the current step (a 4xx DomainError). */
  whenRefused(error: BusErrorPayload): SagaScenario<S> {
    return this.after({ kind: 'refused', error });
  }

  /** The current step timed out or its service failed: its outcome is unknown. */
  whenNoAnswer(): SagaScenario<S> {
    return this.after({ kind: 'unknown', error: 'timed out' });
  }

  private after(outcome: StepOutcome<S>): SagaScenario<S> {
    return this.with(advance(this.definition, this.progress, outcome, this.now, this.policy));
  }

  private with(progress: SagaProgress<S>): SagaScenario<S> {
    return new SagaScenario(this.definition, progress, this.now, this.policy);
  }
}

export function givenSaga<S>(definition: SagaDefinition<S>, state: S): SagaScenario<S> {
  return new SagaScenario(definition, initialProgress(state, SCENARIO_START));
}
