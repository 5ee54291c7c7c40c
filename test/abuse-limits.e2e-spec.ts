import { loadPlatformConfig, startService } from '#platform';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GATEWAY } from '../apps/gateway/src/gateway.definition.js';
import { api } from './support/http-client.js';
import { TestSystem } from './support/system.js';

const LIMITS = {
  TRUST_PROXY: '1',
  RATE_LIMIT_AUTH_PER_IP: '8',
  RATE_LIMIT_AUTH_PER_ACCOUNT: '12',
  RATE_LIMIT_AUTH_WINDOW_MS: '4000',
  RATE_LIMIT_PER_USER: '20',
  RATE_LIMIT_USER_WINDOW_MS: '60000',
  LOGIN_LOCKOUT_FAILURES: '5',
  LOGIN_LOCKOUT_MS: '2500',
  CORS_ORIGINS: 'https://dashboard.example.com, https://vendors.example.com',
};
const PASSWORD = 'correct horse battery staple';

describe('abuse limits, security headers and CORS at the gateway', () => {
  let system: TestSystem;
  let base: string;
  let addresses = 0;

  /** A client address of its own, as the reverse proxy in front of the gateway reports it. */
  const freshAddress = () => {
    addresses += 1;
    return `10.${Math.floor(addresses / 250)}.0.${addresses % 250}`;
  };
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const register = async (email = `user-${randomUUID()}@example.com`) => {
    const response = await api(base, 'POST', '/api/auth/register', {
      headers: from(freshAddress()),
      body: {
        email,
        password: PASSWORD,
        name: 'Rate Limited',
        phone: '07911 123456',
        role: 'customer',
      },
    });
    expect(response.status).toBe(201);
    return email;
  };
  const login = (email: string, password: string, address = freshAddress()) =>
    api(base, 'POST', '/api/auth/login', { headers: from(address), body: { email, password } });

  beforeAll(async () => {
    Object.assign(process.env, LIMITS);
    system = await TestSystem.start({}, ['gateway']);
    base = system.baseUrl;
  });
  afterAll(() => system.stop());

  it('locks an account after 5 wrong passwords from anywhere: 30 guesses get 429 from the 6th on', async () => {
    const email = await register();
    const statuses: number[] = [];
    for (let guess = 1; guess <= 30; guess += 1) {
      const response = await login(email, `wrong password ${guess}`);
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.body).toMatchObject({
          code: 'RATE_LIMITED',
          retry_after: expect.any(Number),
        });
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(25).fill(429));
    // During the lockout even the right password is refused, before any hashing.
    expect((await login(email, PASSWORD)).status).toBe(429);
  });

  it('lets the right password in, from another address, once the lockout is over', async () => {
    const email = await register();
    for (let guess = 1; guess <= 6; guess += 1) await login(email, `wrong ${guess}`);
    expect((await login(email, PASSWORD)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 2700));
    const late = await login(email, PASSWORD);
    expect([late.status, late.body.token_type]).toEqual([200, 'Bearer']);
  });

  it('limits one address to 8 credential requests per window, whichever accounts they name', async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 9; attempt += 1) {
      statuses.push(
        (await login(`nobody-${attempt}@example.com`, 'not a password', address)).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
  });

  it('shares the counts between gateway replicas: they live in Postgres', async () => {
    let replica: INestApplication | undefined;
    try {
      replica = await startService(
        { ...loadPlatformConfig('gateway'), httpPort: 0, shutdownGraceMs: 100 },
        GATEWAY,
      );
      const replicaBase = `http://127.0.0.1:${replica.getHttpServer().address().port}`;
      const address = freshAddress();
      const attempt = (url: string, n: number) =>
        api(url, 'POST', '/api/auth/login', {
          headers: from(address),
          body: { email: `replica-${n}@example.com`, password: 'not a password' },
        });
      const statuses: number[] = [];
      for (let n = 1; n <= 9; n += 1)
        statuses.push((await attempt(n % 2 ? base : replicaBase, n)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
    } finally {
      await replica?.close();
    }
  });

  it('limits a signed-in user to 20 requests a minute, wherever they connect from', async () => {
    const email = await register();
    const token = (await login(email, PASSWORD)).body.access_token;
    const statuses: number[] = [];
    for (let request = 1; request <= 21; request += 1) {
      statuses.push(
        (await api(base, 'GET', '/api/me', { token, headers: from(freshAddress()) })).status,
      );
    }
    expect(statuses).toEqual([...Array(20).fill(200), 429]);
  });

  it('sends the security headers on every answer', async () => {
    const response = await api(base, 'GET', '/api/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers a browser preflight from an allowed origin, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${base}/api/connection/jobs`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const allowed = await preflight('https://vendors.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://vendors.example.com');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');

    // Without Access-Control-Allow-Origin naming it, a browser refuses the call.
    const refused = await preflight('https://evil.example.net');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${base}/health/live`, {
      headers: { origin: 'https://evil.example.net' },
    });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still serves the API docs, under a policy that lets Swagger UI run over plain HTTP', async () => {
    const page = await fetch(`${base}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('upgrade-insecure-requests');
    for (const asset of ['swagger-ui-init.js', 'swagger-ui-bundle.js', 'openapi.json']) {
      expect([asset, (await fetch(`${base}/api/docs/${asset}`)).status]).toEqual([asset, 200]);
    }
  });
});
