import { api, registerAndLogin, TAP_JOB, type TestUser } from './support/http-client.js';
import { databaseState, settledDatabaseState } from './support/database-state.js';
import { openConversation, type OpenConversation } from './support/marketplace.js';
import { TestSystem } from './support/system.js';

interface Probe {
  method: string;
  path: (pair: OpenConversation) => string;
  as: (pair: OpenConversation) => TestUser | undefined;
  body?: unknown;
}

const asCustomer = (pair: OpenConversation) => pair.customer;
const asVendor = (pair: OpenConversation) => pair.vendor;
const anonymous = () => undefined;
const jobs = () => '/api/connection/jobs';
const messages = (pair: OpenConversation) =>
  `/api/connection/conversations/${pair.conversationId}/messages`;
const malformedToken = `${'-'.repeat(36)}.x`;

/** Inputs that once answered 500 (nothing was written, but each was a crash path). */
const ONCE_CRASHED: [string, Probe, number, string][] = [
  [
    'a budget of 1e-7',
    { method: 'POST', path: jobs, as: asCustomer, body: { ...TAP_JOB, budget_min: 1e-7 } },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'a deposit of 1e-7',
    {
      method: 'POST',
      path: () => '/api/connection/wallet/deposits',
      as: asVendor,
      body: { amount: 1e-7 },
    },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'a title that is too short once trimmed',
    { method: 'POST', path: jobs, as: asCustomer, body: { ...TAP_JOB, title: '  ab  ' } },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'a title of variation selectors, short for class-validator and long for Postgres',
    {
      method: 'POST',
      path: jobs,
      as: asCustomer,
      body: { ...TAP_JOB, title: 'a\uFE0F'.repeat(100) },
    },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'a message of variation selectors over the length limit',
    { method: 'POST', path: messages, as: asCustomer, body: { body: 'a\uFE0F'.repeat(3000) } },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'NUL in a login email',
    {
      method: 'POST',
      path: () => '/api/auth/login',
      as: anonymous,
      body: { email: 'alice\u0000@example.com', password: 'whatever it is' },
    },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'NUL in a job title',
    {
      method: 'POST',
      path: jobs,
      as: asCustomer,
      body: { ...TAP_JOB, title: 'Fix\u0000 the tap' },
    },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'NUL in a message body',
    { method: 'POST', path: messages, as: asVendor, body: { body: 'Hello\u0000' } },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'a wallet cursor over bigint',
    {
      method: 'GET',
      path: () => '/api/connection/wallet?cursor=9999999999999999999',
      as: asVendor,
    },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'a refresh token of dashes',
    {
      method: 'POST',
      path: () => '/api/auth/refresh',
      as: anonymous,
      body: { refresh_token: malformedToken },
    },
    401,
    'INVALID_REFRESH_TOKEN',
  ],
  [
    'a logout token of dashes',
    {
      method: 'POST',
      path: () => '/api/auth/logout',
      as: anonymous,
      body: { refresh_token: malformedToken },
    },
    401,
    'INVALID_REFRESH_TOKEN',
  ],
  [
    'a lone surrogate in a title',
    { method: 'POST', path: jobs, as: asCustomer, body: { ...TAP_JOB, title: 'Fix \uD800 tap' } },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'a whitespace-only name at registration',
    {
      method: 'POST',
      path: () => '/api/auth/register',
      as: anonymous,
      body: {
        email: 'blank-name@example.com',
        password: 'correct horse battery',
        name: '   ',
        phone: '07911 123456',
        role: 'customer',
      },
    },
    400,
    'VALIDATION_FAILED',
  ],
];

describe('inputs the database would refuse are refused first', () => {
  let system: TestSystem;
  let base: string;
  let pair: OpenConversation;

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    pair = await openConversation(base, 'EC1');
  });
  afterAll(() => system.stop());

  it.each(ONCE_CRASHED)(
    'answers %s with a 4xx and its code, and changes nothing',
    async (_name, probe, status, code) => {
      const before = await settledDatabaseState(system.db);
      const response = await api(base, probe.method, probe.path(pair), {
        token: probe.as(pair)?.token,
        body: probe.body,
      });
      expect([response.status, response.body.code]).toEqual([status, code]);
      expect(await databaseState(system.db)).toEqual(before);
    },
  );

  it('keeps tabs and line breaks in a message, and trims the spaces around it', async () => {
    const sent = await api(base, 'POST', messages(pair), {
      token: pair.customer.token,
      body: { body: '  Line one\n\tLine two  ' },
    });
    expect([sent.status, sent.body.body]).toEqual([201, 'Line one\n\tLine two']);
  });

  it('counts a title in code points, as Postgres does: 120 emoji fit, 121 do not', async () => {
    const customer = await registerAndLogin(base, 'customer');
    const create = (title: string) =>
      api(base, 'POST', '/api/connection/jobs', {
        token: customer.token,
        body: { ...TAP_JOB, title },
      });
    expect((await create('🔧'.repeat(120))).status).toBe(201);
    expect((await create('🔧'.repeat(121))).status).toBe(400);
  });
});
