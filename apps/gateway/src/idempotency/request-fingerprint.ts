import { createHash } from 'node:crypto';

/** The body field that carries an idempotency key, as an alternative to the header. */
export const IDEMPOTENCY_KEY_FIELD = 'idempotency_key';

/**
 * What makes two requests with one key "the same request": the concrete path (so a lead-accept
 * key reused on another lead differs), the query and the body without its key. Objects are
 * compared by content, whatever the order of their fields.
 */
export function requestFingerprint(request: {
  path: string;
  query: unknown;
  body: unknown;
}): string {
  const body = withoutKey(request.body);
  const canonical = canonicalJson({ path: request.path, query: request.query ?? {}, body });
  return createHash('sha256').update(canonical).digest('hex');
}

function withoutKey(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body ?? null;
  const rest: Record<string, unknown> = { ...body };
  delete rest[IDEMPOTENCY_KEY_FIELD];
  return rest;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
