import { requestFingerprint } from './request-fingerprint.js';

describe('requestFingerprint', () => {
  const request = {
    path: '/api/connection/jobs',
    query: {},
    body: { title: 'Tap', budget_min: 5 },
  };

  it('is the same for the same body in another field order, and with or without its key', () => {
    expect(
      requestFingerprint({
        ...request,
        body: { budget_min: 5, title: 'Tap', idempotency_key: 'k-12345678' },
      }),
    ).toBe(requestFingerprint(request));
  });

  it('differs for another body, another query or another id in the path', () => {
    const fingerprint = requestFingerprint(request);
    expect(requestFingerprint({ ...request, body: { title: 'Tap', budget_min: 6 } })).not.toBe(
      fingerprint,
    );
    expect(requestFingerprint({ ...request, query: { limit: '5' } })).not.toBe(fingerprint);
    expect(requestFingerprint({ ...request, path: '/api/connection/jobs/other' })).not.toBe(
      fingerprint,
    );
  });
});
