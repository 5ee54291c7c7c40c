import { JwtService } from '@nestjs/jwt';
import { AccessTokens } from './access-tokens.service.js';
import type { GatewayConfig } from '../gateway.config.js';

const config: GatewayConfig = {
  jwtSecret: 'unit-test-secret-unit-test-secret-0123',
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 3600,
  trustProxy: 0,
  corsOrigins: [],
};

describe('AccessTokens', () => {
  const tokens = new AccessTokens(config);
  const user = { id: '01a20373-6448-70ee-bd40-0586b9c3dbcb', role: 'vendor' as const };

  it('round-trips the user id and role', () => {
    expect(tokens.verify(tokens.issue(user))).toEqual({ userId: user.id, role: 'vendor' });
  });

  it('reports an expired token as TOKEN_EXPIRED', () => {
    const shortLived = new AccessTokens({
      ...config,
      accessTokenTtlSeconds: -1,
    });
    expect(() => tokens.verify(shortLived.issue(user))).toThrow(
      expect.objectContaining({ code: 'TOKEN_EXPIRED' }),
    );
  });

  it('refuses a token issued with another secret', () => {
    const other = new AccessTokens({
      ...config,
      jwtSecret: 'another-secret-another-secret-0123456',
    });
    expect(() => tokens.verify(other.issue(user))).toThrow(
      expect.objectContaining({ code: 'INVALID_TOKEN' }),
    );
  });

  it('refuses a validly signed token for a role that does not exist', () => {
    const jwt = new JwtService({});
    const forged = jwt.sign(
      { role: 'superuser' },
      {
        secret: config.jwtSecret,
        subject: user.id,
        issuer: 'tradematch-gateway',
        audience: 'tradematch-api',
      },
    );
    expect(() => tokens.verify(forged)).toThrow(expect.objectContaining({ code: 'INVALID_TOKEN' }));
  });
});
