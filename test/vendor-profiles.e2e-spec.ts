import { TRADE_CATEGORIES } from '#contracts';
import { EventOutbox } from '#platform';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { UsersRepository } from '../apps/gateway/src/identity/users.repository.js';
import { hashPassword } from '../apps/gateway/src/identity/password-hasher.js';
import { api, registerAndLogin, type TestUser } from './support/http-client.js';
import { TestSystem } from './support/system.js';

const PATH = '/api/connection/vendor-profile';

const PROFILE = {
  business_name: 'Hughes Plumbing',
  trade_categories: ['Plumbing', 'Heating & Gas'],
  phone: '07911 123456',
  postcode: 'sw1a1aa',
  service_areas: ['sw', 'SW1A', 'e1'],
  service_radius_miles: 15,
};

describe('vendor profiles: gateway → NATS → jobs-leads → Postgres', () => {
  let system: TestSystem;
  let base: string;
  let alice: TestUser;

  /** The stored row, straight from the table, or undefined. */
  const storedProfile = async (vendorId: string): Promise<Record<string, unknown> | undefined> =>
    (
      await system.db.query(
        `select vendor_id, business_name, trade_categories, phone, postcode, service_areas,
                service_radius_miles, rating, created_at, updated_at
           from jobs.vendor_profile where vendor_id = $1`,
        [vendorId],
      )
    ).rows[0];

  const putProfile = (user: TestUser, body: unknown) =>
    api(base, 'PUT', PATH, { token: user.token, body });

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    alice = await registerAndLogin(base, 'customer');
  });
  afterAll(() => system.stop());

  it('answers 404 VENDOR_PROFILE_NOT_FOUND before the vendor has put one', async () => {
    const vince = await registerAndLogin(base, 'vendor');
    const response = await api(base, 'GET', PATH, { token: vince.token });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'Not Found', code: 'VENDOR_PROFILE_NOT_FOUND' });
  });

  it('creates the profile with normalised phone, postcode and areas, and no rating yet', async () => {
    const vince = await registerAndLogin(base, 'vendor');
    const put = await putProfile(vince, PROFILE);
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      vendor_id: vince.id,
      business_name: 'Hughes Plumbing',
      trade_categories: ['Plumbing', 'Heating & Gas'],
      phone: '+447911123456',
      postcode: 'SW1A 1AA',
      service_areas: ['SW', 'SW1A', 'E1'],
      service_radius_miles: 15,
      rating: null,
      updated_at: expect.any(String),
    });
    const fetched = await api(base, 'GET', PATH, { token: vince.token });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(put.body);
    expect(await storedProfile(vince.id)).toMatchObject({
      trade_categories: ['Plumbing', 'Heating & Gas'],
      service_areas: ['SW', 'SW1A', 'E1'],
      rating: null,
    });
  });

  it('is idempotent: the same PUT again leaves exactly the same state', async () => {
    const vince = await registerAndLogin(base, 'vendor');
    const first = await putProfile(vince, PROFILE);
    const stored = await storedProfile(vince.id);
    const second = await putProfile(vince, PROFILE);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await storedProfile(vince.id)).toEqual(stored);
  });

  it('replaces the whole profile, keeping one row per vendor', async () => {
    const vince = await registerAndLogin(base, 'vendor');
    const first = await putProfile(vince, PROFILE);
    const replacement = {
      business_name: 'Hughes & Sons',
      trade_categories: ['Electrical'],
      phone: '+44 20 7946 0000',
      postcode: 'M1 1AE',
      service_areas: ['M'],
      service_radius_miles: 40,
    };
    const second = await putProfile(vince, replacement);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      vendor_id: vince.id,
      business_name: 'Hughes & Sons',
      trade_categories: ['Electrical'],
      phone: '+442079460000',
      postcode: 'M1 1AE',
      service_areas: ['M'],
      service_radius_miles: 40,
      rating: null,
      updated_at: expect.any(String),
    });
    expect(Date.parse(second.body.updated_at)).toBeGreaterThan(Date.parse(first.body.updated_at));
    expect((await api(base, 'GET', PATH, { token: vince.token })).body).toEqual(second.body);
    const rows = await system.db.query(
      'select count(*) from jobs.vendor_profile where vendor_id = $1',
      [vince.id],
    );
    expect(rows.rows[0].count).toBe('1');
  });

  it('answers the rating as a number once reviews set it, and a PUT keeps it', async () => {
    const vince = await registerAndLogin(base, 'vendor');
    await putProfile(vince, PROFILE);
    // Reviews do not exist yet; this stands in for them.
    await system.db.query('update jobs.vendor_profile set rating = 4.25 where vendor_id = $1', [
      vince.id,
    ]);
    expect((await api(base, 'GET', PATH, { token: vince.token })).body.rating).toBe(4.25);
    const replaced = await putProfile(vince, { ...PROFILE, service_radius_miles: 50 });
    expect(replaced.body).toMatchObject({ service_radius_miles: 50, rating: 4.25 });
  });

  it('lets racing first PUTs all succeed on one row', async () => {
    const vince = await registerAndLogin(base, 'vendor');
    const responses = await Promise.all(
      [5, 10, 15, 20, 25].map((miles) =>
        putProfile(vince, { ...PROFILE, service_radius_miles: miles }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const rows = await system.db.query(
      'select count(*) from jobs.vendor_profile where vendor_id = $1',
      [vince.id],
    );
    expect(rows.rows[0].count).toBe('1');
  });

  it('refuses customers and admins: 403 WRONG_ROLE, and nothing is written', async () => {
    const email = `admin-${randomUUID()}@example.com`;
    const admin = await new UsersRepository(
      system.app('gateway').get(MikroORM).em.fork(),
      system.app('gateway').get(EventOutbox),
    ).add(
      {
        email,
        passwordHash: await hashPassword('an admin passphrase'),
        name: 'Ops',
        phone: '07911123456',
        role: 'admin',
      },
      new Date(),
    );
    const login = await api(base, 'POST', '/api/auth/login', {
      body: { email, password: 'an admin passphrase' },
    });
    for (const [id, token] of [
      [alice.id, alice.token],
      [admin.id, login.body.access_token],
    ]) {
      for (const response of [
        await api(base, 'PUT', PATH, { token, body: PROFILE }),
        await api(base, 'GET', PATH, { token }),
      ]) {
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ error: 'Forbidden', code: 'WRONG_ROLE' });
      }
      expect(await storedProfile(id)).toBeUndefined();
    }
  });

  describe('refuses bad input with 400 VALIDATION_FAILED and changes nothing', () => {
    let vera: TestUser;
    let stored: Record<string, unknown> | undefined;

    beforeAll(async () => {
      vera = await registerAndLogin(base, 'vendor');
      expect((await putProfile(vera, PROFILE)).status).toBe(200);
      stored = await storedProfile(vera.id);
    });

    it.each([
      ['a bad postcode', { postcode: 'NOT A POSTCODE' }],
      ['an unknown trade', { trade_categories: ['Astrology'] }],
      ['no trades', { trade_categories: [] }],
      ['a duplicate trade', { trade_categories: ['Plumbing', 'Plumbing'] }],
      ['too many trades', { trade_categories: [...TRADE_CATEGORIES, 'Plumbing'] }],
      ['trades that are not a list', { trade_categories: 'Plumbing' }],
      ['a full postcode as an area', { service_areas: ['SW1A 1AA'] }],
      ['an area that does not exist', { service_areas: ['QQ'] }],
      ['an area that is not text', { service_areas: [7] }],
      ['no areas', { service_areas: [] }],
      ['the same area twice, in two cases', { service_areas: ['SW', 'sw'] }],
      ['too many areas', { service_areas: Array.from({ length: 51 }, (_, i) => `E${i + 1}`) }],
      ['a radius of 0', { service_radius_miles: 0 }],
      ['a radius of 101', { service_radius_miles: 101 }],
      ['a fractional radius', { service_radius_miles: 1.5 }],
      ['a radius as text', { service_radius_miles: '10' }],
      ['an unknown field', { rating: 5 }],
      ['another vendor id', { vendor_id: randomUUID() }],
      ['a bad phone', { phone: '12345' }],
      ['a foreign phone', { phone: '+1 202 555 0123' }],
      ['a one-letter name', { business_name: 'A' }],
      ['a blank name', { business_name: '    ' }],
      ['a name too long', { business_name: 'x'.repeat(121) }],
      ['a missing name', { business_name: undefined }],
    ])('%s', async (_case, override) => {
      const response = await putProfile(vera, { ...PROFILE, ...override });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(await storedProfile(vera.id)).toEqual(stored);
    });

    it('a body that is not an object', async () => {
      const response = await putProfile(vera, [PROFILE]);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(await storedProfile(vera.id)).toEqual(stored);
    });

    it('a first PUT that is refused creates no profile', async () => {
      const vince = await registerAndLogin(base, 'vendor');
      const response = await putProfile(vince, { ...PROFILE, service_radius_miles: 0 });
      expect(response.status).toBe(400);
      expect(await storedProfile(vince.id)).toBeUndefined();
      expect((await api(base, 'GET', PATH, { token: vince.token })).status).toBe(404);
    });
  });

  it('shows each vendor only their own profile', async () => {
    const [vince, vera] = await Promise.all([
      registerAndLogin(base, 'vendor'),
      registerAndLogin(base, 'vendor'),
    ]);
    await putProfile(vince, PROFILE);
    await putProfile(vera, { ...PROFILE, business_name: 'Vera Electrics', service_areas: ['N'] });
    const asVince = await api(base, 'GET', PATH, { token: vince.token });
    const asVera = await api(base, 'GET', PATH, { token: vera.token });
    expect(asVince.body).toMatchObject({ vendor_id: vince.id, business_name: 'Hughes Plumbing' });
    expect(asVera.body).toMatchObject({
      vendor_id: vera.id,
      business_name: 'Vera Electrics',
      service_areas: ['N'],
    });
  });
});
