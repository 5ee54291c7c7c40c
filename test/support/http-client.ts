import { randomUUID } from 'node:crypto';
import { conformanceOf } from './api-conformance.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed-body tests. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function api<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  // A stream does not end by itself: its answer is the status and headers (sse-client.ts reads
  // streams).
  const streaming = response.headers.get('content-type')?.startsWith('text/event-stream');
  if (streaming) await response.body?.cancel();
  const text = streaming ? '' : await response.text();
  const answer = {
    status: response.status,
    body: !text
      ? undefined
      : response.headers.get('content-type')?.includes('json')
        ? JSON.parse(text)
        : text,
    headers: response.headers,
  };
  // Every answer a test sees is checked against the gateway's OpenAPI document.
  const problem = (await conformanceOf(baseUrl))?.problem(method, path, answer.status, answer.body);
  if (problem) throw new Error(`The API document does not describe this answer: ${problem}`);
  return answer;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

export async function registerAndLogin(
  baseUrl: string,
  role: 'customer' | 'vendor',
): Promise<TestUser> {
  const email = `${role}-${randomUUID()}@example.com`;
  const password = 'correct horse battery staple';
  const registered = await api(baseUrl, 'POST', '/api/auth/register', {
    body: { email, password, name: `Test ${role}`, phone: '07911 123456', role },
  });
  if (registered.status !== 201)
    throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
  const login = await api(baseUrl, 'POST', '/api/auth/login', { body: { email, password } });
  return {
    id: registered.body.id,
    email,
    password,
    token: login.body.access_token,
    refreshToken: login.body.refresh_token,
  };
}

export const TAP_JOB = {
  title: 'Fix leaking kitchen tap',
  trade_category: 'Plumbing',
  budget_min: 50,
  budget_max: 150,
  timeframe: 'urgent',
};

/** Polls until `probe` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
