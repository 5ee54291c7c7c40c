/** A part of the dashboard whose service failed, or did not answer within the deadline. */
export const UNAVAILABLE = { status: 'unavailable' } as const;
export type Unavailable = typeof UNAVAILABLE;

/** Why a part is missing, for the log. */
export interface MissingPart {
  part: string;
  reason: 'deadline' | 'failed';
  error?: unknown;
}

type PartLoaders = Record<string, () => Promise<unknown>>;
export type GatheredParts<P extends PartLoaders> = {
  [K in keyof P]: Awaited<ReturnType<P[K]>> | Unavailable;
};

const DEADLINE_PASSED = Symbol('deadline passed');

/**
 * Loads every part at once and answers when all have answered or `deadlineMs` has passed,
 * whichever comes first: a part that failed or is still out is `UNAVAILABLE`, never a failure
 * of the whole, and `onMissing` hears which and why.
 */
export async function gatherParts<P extends PartLoaders>(
  loaders: P,
  deadlineMs: number,
  onMissing: (missing: MissingPart) => void,
): Promise<GatheredParts<P>> {
  const entries = await Promise.all(
    Object.entries(loaders).map(async ([part, load]) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<typeof DEADLINE_PASSED>((resolve) => {
        timer = setTimeout(() => resolve(DEADLINE_PASSED), deadlineMs);
      });
      try {
        const outcome = await Promise.race([load(), deadline]);
        if (outcome !== DEADLINE_PASSED) return [part, outcome] as const;
        onMissing({ part, reason: 'deadline' });
      } catch (error) {
        onMissing({ part, reason: 'failed', error });
      } finally {
        clearTimeout(timer);
      }
      return [part, UNAVAILABLE] as const;
    }),
  );
  return Object.fromEntries(entries) as GatheredParts<P>;
}
