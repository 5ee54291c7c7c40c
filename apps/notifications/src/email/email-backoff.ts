export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

/**
 * The wait before attempt `attempts + 1`, after `attempts` failures: exponential from the base,
 * capped, with "equal jitter" (half fixed, half random), so that mails failing together (a mail
 * server down) do not all come back at the same instant, yet none comes back at once.
 */
export function retryDelayMs(
  attempts: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const exponential = settings.baseMs * 2 ** Math.max(0, attempts - 1);
  const capped = Math.min(settings.maxMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}

export type SendFailure = { permanent: boolean; reason: string };

/**
 * Whether a failed send may pass: an SMTP answer of 5xx (a refused address, say) never will;
 * anything else (4xx, a lost connection, a timeout) may. `reason` is what `failed` rows keep.
 */
export function classifySendFailure(error: unknown): SendFailure {
  const responseCode =
    typeof error === 'object' && error !== null && 'responseCode' in error
      ? Number(error.responseCode)
      : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const reason = responseCode === undefined ? message : `${responseCode}: ${message}`;
  return {
    permanent: responseCode !== undefined && responseCode >= 500,
    reason: reason.slice(0, 500),
  };
}
