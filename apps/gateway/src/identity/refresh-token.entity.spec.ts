import { RefreshToken } from './refresh-token.entity.js';

const USER_ID = '01a20373-6448-70ee-bd40-0586b9c3dbcb';
const FAMILY_ID = '01a20373-6449-7000-8000-000000000001';
const issuedAt = new Date('2026-11-22T10:00:00Z');
const later = new Date('2026-11-22T10:05:00Z');

describe('RefreshToken', () => {
  it('keeps only a hash of its secret, and knows the secret again', () => {
    const { token, secret } = RefreshToken.issue(USER_ID, FAMILY_ID, 3600, issuedAt);
    expect(token.secretHash).not.toContain(secret);
    expect(token.hasSecret(secret)).toBe(true);
    expect(token.hasSecret(`${secret}x`)).toBe(false);
    expect(token.expiresAt).toEqual(new Date('2026-11-22T11:00:00Z'));
  });

  it('is used once; presented again it is a replay', () => {
    const { token } = RefreshToken.issue(USER_ID, FAMILY_ID, 3600, issuedAt);
    expect(token.use(later)).toBe('used');
    expect(token.usedAt).toEqual(later);
    expect(token.use(later)).toBe('replayed');
  });

  it('is a replay once revoked, and expired, without being used, at its expiry', () => {
    const revoked = RefreshToken.issue(USER_ID, FAMILY_ID, 3600, issuedAt).token;
    revoked.revokedAt = issuedAt;
    expect(revoked.use(later)).toBe('replayed');

    const { token } = RefreshToken.issue(USER_ID, FAMILY_ID, 60, issuedAt);
    expect(token.use(new Date('2026-11-22T10:01:00Z'))).toBe('expired');
    expect(token.usedAt).toBeNull();
  });
});
