import {
  consumersOf,
  DEAD_LETTER_STREAM,
  deadLetterAdminSubject,
  EVENT_CATALOGUE,
  EVENT_STREAM,
  EVENT_TYPES,
  endpointsOf,
  publisherOf,
  SERVICE_APIS,
  SERVICE_NAMES,
  USER_EVENT_STREAM,
  type ServiceName,
} from '#contracts';
import { servicePasswordVariable } from '../config/platform-config.js';

/** What one NATS user may publish and subscribe to. */
export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
}

/** A user added to the generated ones, e.g. the tests' fixtures; its password is literal. */
export interface ExtraNatsUser {
  user: string;
  password: string;
  permissions: NatsPermissions;
}

const STREAMS = [EVENT_STREAM.name, DEAD_LETTER_STREAM.name];

/**
 * Everything `service` needs and nothing else, all derived from libs/contracts:
 * - its own events (`events.<service>.>`) if the catalogue names it as a producer;
 * - requests to the endpoints it is the publisher of (the gateway: every user endpoint);
 * - to serve its own endpoints (and answer them: `allow_responses`);
 * - replies on its own inbox, `_INBOX.<service>.>`;
 * - the event streams' settings (every app makes sure they exist), and for each of its durable
 *   consumers: create, read, pull, ack, dead-letter, and answer `npm run events:redrive`;
 * - the users' real-time stream: its publisher publishes `users.*.events` and keeps the stream's
 *   settings; its reader creates it if it is missing, reads single messages and runs ordered
 *   (ephemeral, unacknowledged) consumers on it.
 */
export function natsPermissionsOf(service: ServiceName): NatsPermissions {
  const produces = EVENT_TYPES.some((type) => EVENT_CATALOGUE[type].producer === service);
  const calls = SERVICE_NAMES.flatMap(endpointsOf)
    .filter((endpoint) => publisherOf(endpoint.callers) === service)
    .map((endpoint) => endpoint.subject);
  const consumers = consumersOf(service);
  const streamApi = [
    '$JS.API.INFO',
    ...STREAMS.flatMap((stream) =>
      ['INFO', 'CREATE', 'UPDATE'].map((verb) => `$JS.API.STREAM.${verb}.${stream}`),
    ),
  ];
  const consumerApi = consumers.flatMap((consumer) => {
    const on = `${EVENT_STREAM.name}.${consumer}`;
    return [
      `$JS.API.CONSUMER.INFO.${on}`,
      `$JS.API.CONSUMER.CREATE.${on}`,
      `$JS.API.CONSUMER.CREATE.${on}.>`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${on}`,
      `$JS.API.CONSUMER.MSG.NEXT.${on}`,
      `$JS.ACK.${on}.>`,
      `deadletter.${consumer}.>`,
      deadLetterAdminSubject(consumer, '*'),
    ];
  });
  const deadLetterApi =
    consumers.length === 0
      ? []
      : ['GET', 'DELETE'].map((verb) => `$JS.API.STREAM.MSG.${verb}.${DEAD_LETTER_STREAM.name}`);
  return {
    publish: [
      ...(produces ? [`events.${service}.>`] : []),
      ...calls,
      ...streamApi,
      ...consumerApi,
      ...deadLetterApi,
      ...userEventsApi(service),
    ],
    subscribe: [
      `_INBOX.${service}.>`,
      ...endpointsOf(service).map((endpoint) => endpoint.subject),
      ...consumers.map((consumer) => deadLetterAdminSubject(consumer, '*')),
    ],
  };
}

function userEventsApi(service: ServiceName): string[] {
  const stream = USER_EVENT_STREAM.name;
  if (service === USER_EVENT_STREAM.publisher) {
    return [
      ...USER_EVENT_STREAM.subjects,
      ...['INFO', 'CREATE', 'UPDATE'].map((verb) => `$JS.API.STREAM.${verb}.${stream}`),
    ];
  }
  if (service === USER_EVENT_STREAM.reader) {
    return [
      ...['INFO', 'CREATE', 'MSG.GET'].map((verb) => `$JS.API.STREAM.${verb}.${stream}`),
      ...['CREATE', 'INFO', 'DELETE', 'MSG.NEXT'].map(
        (verb) => `$JS.API.CONSUMER.${verb}.${stream}.>`,
      ),
    ];
  }
  return [];
}

/**
 * The `authorization` block of the NATS server configuration: one user per app, named after it,
 * its password read from the server's environment (`NATS_PASSWORD_<SERVICE>`; a bcrypt hash
 * works as well as a plain password).
 */
export function natsAuthorizationConfig(extraUsers: readonly ExtraNatsUser[] = []): string {
  const services = Object.keys(SERVICE_APIS) as ServiceName[];
  const users = [
    ...services.map((service) =>
      userBlock(service, `$${servicePasswordVariable(service)}`, natsPermissionsOf(service)),
    ),
    ...extraUsers.map(({ user, password, permissions }) =>
      userBlock(user, JSON.stringify(password), permissions),
    ),
  ];
  return [
    '# The NATS users of TradeMatch and what each may publish and subscribe to. Generated from',
    '# libs/contracts by `npm run nats:config`: do not edit (a unit test fails while it is stale).',
    '# Include it in the server configuration; the server reads each password from its',
    '# environment (NATS_PASSWORD_<SERVICE>).',
    'authorization {',
    '  users = [',
    ...users,
    '  ]',
    '}',
    '',
  ].join('\n');
}

function userBlock(user: string, password: string, permissions: NatsPermissions): string {
  const list = (subjects: string[]) =>
    subjects.map((subject) => `          ${JSON.stringify(subject)}`).join('\n');
  return [
    '    {',
    `      user: ${JSON.stringify(user)}`,
    `      password: ${password}`,
    '      permissions: {',
    '        publish: { allow: [',
    list(permissions.publish),
    '        ] }',
    '        subscribe: { allow: [',
    list(permissions.subscribe),
    '        ] }',
    '        allow_responses: true',
    '      }',
    '    }',
  ].join('\n');
}
