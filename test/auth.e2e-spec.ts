import { createHmac, randomUUID } from 'node:crypto';
import { api, registerAndLogin } from './support/http-client.js';
import { TestSystem } from './support/system.js';

describe('identity through the gateway', () => {
  let system: TestSystem;
  let base: string;

  const userCount = async (): Promise<number> =>
    Number((await system.db.query('select count(*) from identity."user"')).rows[0].count);

  beforeAll(async () => {
    system = await TestSystem.start({}, ['gateway']);
    base = system.baseUrl;
  });
  afterAll(() => system.stop());

  it('registers, logs in and answers /api/me with the account', async () => {
    const email = `Mixed.Case-${randomUUID()}@Example.com`;
    const registered = await api(base, 'POST', '/api/auth/register', {
      body: {
        email,
        password: 'a long passphrase',
        name: 'Alice',
        phone: '+44 7911 123456',
        role: 'customer',
      },
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({
      id: expect.any(String),
      email: email.toLowerCase(),
      name: 'Alice',
      role: 'customer',
    });

    const login = await api(base, 'POST', '/api/auth/login', {
      body: { email, password: 'a long passphrase' },
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
    });

    const me = await api(base, 'GET', '/api/me', { token: login.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(registered.body);
  });

  it('refuses a taken email with 409 EMAIL_TAKEN, whatever its case', async () => {
    const user = await registerAndLogin(base, 'vendor');
    const before = await userCount();
    const again = await api(base, 'POST', '/api/auth/register', {
      body: {
        email: user.email.toUpperCase(),
        password: 'another passphrase',
        name: 'B',
        phone: '07911123456',
        role: 'vendor',
      },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
    expect(await userCount()).toBe(before);
  });

  it.each([
    ['admin role', { role: 'admin' }],
    ['unknown field', { is_admin: true }],
    ['short password', { password: 'short' }],
    ['bad email', { email: 'not-an-email' }],
    ['bad phone', { phone: '12345' }],
    ['wrong type', { name: 42 }],
  ])(
    'refuses registration with %s: 400 VALIDATION_FAILED and no account',
    async (_case, override) => {
      const before = await userCount();
      const response = await api(base, 'POST', '/api/auth/register', {
        body: {
          email: `x-${randomUUID()}@example.com`,
          password: 'a long passphrase',
          name: 'X',
          phone: '07911123456',
          role: 'customer',
          ...override,
        },
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'Bad Request', code: 'VALIDATION_FAILED' });
      expect(response.body.fields.length).toBeGreaterThan(0);
      expect(await userCount()).toBe(before);
    },
  );

  it('answers a wrong password and an unknown email alike: 401 INVALID_CREDENTIALS', async () => {
    const user = await registerAndLogin(base, 'customer');
    const wrong = await api(base, 'POST', '/api/auth/login', {
      body: { email: user.email, password: 'wrong password!' },
    });
    const unknown = await api(base, 'POST', '/api/auth/login', {
      body: { email: `nobody-${randomUUID()}@example.com`, password: 'whatever pass' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('rotates refresh tokens, and a replayed one revokes the whole session', async () => {
    const user = await registerAndLogin(base, 'customer');
    const first = await api(base, 'POST', '/api/auth/refresh', {
      body: { refresh_token: user.refreshToken },
    });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(user.refreshToken);

    const replay = await api(base, 'POST', '/api/auth/refresh', {
      body: { refresh_token: user.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');

    const afterRevocation = await api(base, 'POST', '/api/auth/refresh', {
      body: { refresh_token: first.body.refresh_token },
    });
    expect(afterRevocation.status).toBe(401);
    expect(afterRevocation.body.code).toBe('REFRESH_TOKEN_REUSED');
  });

  it('lets exactly one of two concurrent refreshes of the same token through', async () => {
    const user = await registerAndLogin(base, 'vendor');
    const results = await Promise.all(
      [1, 2].map(() =>
        api(base, 'POST', '/api/auth/refresh', { body: { refresh_token: user.refreshToken } }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 401]);
  });

  it('logs out: the session refresh token stops working', async () => {
    const user = await registerAndLogin(base, 'customer');
    const logout = await api(base, 'POST', '/api/auth/logout', {
      body: { refresh_token: user.refreshToken },
    });
    expect(logout.status).toBe(204);
    const refresh = await api(base, 'POST', '/api/auth/refresh', {
      body: { refresh_token: user.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['wrong format', 'abc.def'],
    ['unknown id', `${randomUUID()}.secret`],
  ])('refuses a %s refresh token with 401 INVALID_REFRESH_TOKEN', async (_case, token) => {
    const response = await api(base, 'POST', '/api/auth/refresh', {
      body: { refresh_token: token },
    });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('INVALID_REFRESH_TOKEN');
  });

  describe('access tokens', () => {
    let user: Awaited<ReturnType<typeof registerAndLogin>>;
    beforeAll(async () => {
      user = await registerAndLogin(base, 'customer');
    });

    const sign = (header: object, claims: object, secret: string): string => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const unsigned = `${encode(header)}.${encode(claims)}`;
      return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    };
    const claims = () => ({
      sub: user.id,
      role: 'admin',
      iss: 'tradematch-gateway',
      aud: 'tradematch-api',
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 600,
    });

    it('refuses a request without a token: 401 AUTH_REQUIRED', async () => {
      const response = await api(base, 'GET', '/api/me');
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('AUTH_REQUIRED');
    });

    it('refuses a token signed with another key: 401 INVALID_TOKEN', async () => {
      const forged = sign(
        { alg: 'HS256', typ: 'JWT' },
        claims(),
        'not-the-gateway-secret-not-the-gateway-secret',
      );
      const response = await api(base, 'GET', '/api/me', { token: forged });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('INVALID_TOKEN');
    });

    it('refuses an unsigned alg:none token: 401 INVALID_TOKEN', async () => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`;
      const response = await api(base, 'GET', '/api/me', { token: unsigned });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('INVALID_TOKEN');
    });

    it('refuses a token whose payload was edited: 401 INVALID_TOKEN', async () => {
      const [header, , signature] = user.token.split('.');
      const tampered = `${header}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.${signature}`;
      const response = await api(base, 'GET', '/api/me', { token: tampered });
      expect(response.status).toBe(401);
    });

    it('refuses a malformed Authorization header: 401 INVALID_TOKEN', async () => {
      const response = await api(base, 'GET', '/api/me', {
        headers: { authorization: `Basic ${user.token}` },
      });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('INVALID_TOKEN');
    });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and a body over 100 kB with 413', async () => {
    const before = await userCount();
    const malformed = await api(base, 'POST', '/api/auth/register', { rawBody: '{"email": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');
    expect(malformed.body.correlation_id).toEqual(expect.any(String));

    const huge = await api(base, 'POST', '/api/auth/register', {
      body: {
        email: 'big@example.com',
        password: 'x'.repeat(110_000),
        name: 'Big',
        phone: '07911123456',
        role: 'customer',
      },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await userCount()).toBe(before);
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const response = await api(base, 'GET', '/api/does-not-exist');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('echoes a caller-supplied correlation id', async () => {
    const response = await api(base, 'GET', '/api/me', {
      headers: { 'x-correlation-id': 'dashboard-req-42' },
    });
    expect(response.headers.get('x-correlation-id')).toBe('dashboard-req-42');
    expect(response.body.correlation_id).toBe('dashboard-req-42');
  });

  it('serves its OpenAPI document and health probes without a token', async () => {
    const docs = await fetch(`${base}/api/docs/openapi.json`);
    expect(docs.status).toBe(200);
    const document = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/register',
        '/api/connection/jobs',
        '/api/connection/jobs/{jobId}',
      ]),
    );
    expect((await api(base, 'GET', '/health/live')).status).toBe(200);
    const ready = await api(base, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ database: true, nats: true, accepting: true });
  });
});
