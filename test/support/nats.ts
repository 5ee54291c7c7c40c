import { loadPlatformConfig, natsConnectionOptions, type NatsAuth } from '#platform';
import type { ServiceName } from '#contracts';
import { connect, type NatsConnection } from '@nats-io/transport-node';

/**
 * The tests' fixtures user of the run's nats-server (see global-setup.mjs): it may publish and
 * subscribe to anything, for fixtures that play no app (a scratch consumer, say). None when the
 * run uses a server of TEST_NATS_URL without authorization.
 */
export function fixturesNatsAuth(): NatsAuth {
  const password = process.env.TEST_NATS_FIXTURES_PASSWORD;
  return password ? { kind: 'password', user: 'test-fixtures', password } : { kind: 'none' };
}

/** A connection to the run's NATS server as `service` would open it: its user, its inbox. */
export function connectAs(service: ServiceName): Promise<NatsConnection> {
  return connect(natsConnectionOptions(loadPlatformConfig(service), 'test'));
}

export function connectAsFixtures(): Promise<NatsConnection> {
  return connect(
    natsConnectionOptions(
      { ...loadPlatformConfig('notifications'), natsAuth: fixturesNatsAuth() },
      'test-fixtures',
    ),
  );
}
