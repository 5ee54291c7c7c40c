import type { ServiceDefinition } from '#platform';

/** Conversations and messages arrive with the messaging feature; the schema and bus are ready. */
export const MESSAGING: ServiceDefinition = {
  persistence: { schema: 'messaging', entities: [], migrations: [] },
  features: [],
  servesBus: true,
};
