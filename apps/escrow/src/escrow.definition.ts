import type { ServiceDefinition } from '#platform';

/** The ledger arrives with the escrow feature; the schema and bus are ready. */
export const ESCROW: ServiceDefinition = {
  persistence: { schema: 'escrow', entities: [], migrations: [] },
  features: [],
  servesBus: true,
};
