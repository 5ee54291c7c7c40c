import * as contracts from '../index.js';
import { SERVICE_NAMES } from '../services.js';
import type { AnyEndpoint } from './endpoint.js';
import { endpointsOf, publisherOf, SERVICE_APIS } from './service-apis.js';

describe('the services’ APIs', () => {
  it('list every *Api object of the contracts, so that NATS lets its service serve it', () => {
    const apis = Object.entries(contracts)
      .filter(([name]) => name.endsWith('Api'))
      .map(([, api]) => api);
    const listed = Object.values(SERVICE_APIS).flat();
    expect(apis.filter((api) => !listed.includes(api as Record<string, AnyEndpoint>))).toEqual([]);
  });

  it('give each subject to one service to serve', () => {
    const subjects = SERVICE_NAMES.flatMap(endpointsOf).map((endpoint) => endpoint.subject);
    expect(subjects.length).toBeGreaterThan(0);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('have one publisher per endpoint: the gateway for users, or a single service', () => {
    const publishers = SERVICE_NAMES.flatMap(endpointsOf).map((endpoint) => [
      endpoint.subject,
      publisherOf(endpoint.callers),
    ]);
    expect(publishers).toContainEqual(['escrow.lead.charge', 'jobs-leads']);
    expect(publishers).toContainEqual(['escrow.wallet.get', 'gateway']);
    expect(() => publisherOf({ users: ['vendor'], services: ['jobs-leads'] })).toThrow(
      /signed-in users only or by one service only/,
    );
    expect(() => publisherOf({ services: ['jobs-leads', 'gateway'] })).toThrow();
    expect(() => publisherOf({})).toThrow();
  });
});
