import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationScope {
  correlationId: string;
  /** The event being handled, when the work was caused by one. */
  causationId: string | null;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

export function runWithCorrelation<T>(
  correlationId: string | undefined,
  work: () => T,
  causationId: string | null = null,
): T {
  return storage.run({ correlationId: correlationId || randomUUID(), causationId }, work);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function currentCausationId(): string | null {
  return storage.getStore()?.causationId ?? null;
}
