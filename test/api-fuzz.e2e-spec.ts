import fc from 'fast-check';
import { conformanceOf, type ApiConformance } from './support/api-conformance.js';
import { databaseState, settledDatabaseState } from './support/database-state.js';
import { api, TAP_JOB, type TestUser } from './support/http-client.js';
import { openConversation, type OpenConversation } from './support/marketplace.js';
import { anyJson, nastyValue, SchemaArbitraries } from './support/schema-arbitraries.js';
import { TestSystem } from './support/system.js';

/** Cases per operation and caller: a few in `npm test`, many more in `npm run fuzz`. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

type Actor = 'anonymous' | 'customer' | 'vendor';

interface FuzzRequest {
  path: string;
  body?: unknown;
  rawBody?: string;
  headers: Record<string, string>;
}

/** Path segments no id looks like; the encoded ones reach the router as they are. */
const NASTY_SEGMENTS = [
  '%00',
  '%ZZ',
  '%ED%A0%80',
  '%F0%9F%94%A7',
  '..',
  '%2e%2e%2f',
  'a'.repeat(300),
  '9999999999999999999',
  '00000000-0000-0000-0000-000000000000',
  'NaN',
];
const MALFORMED_JSON = ['{', '{"title":', '[1,2', 'nul', '"unterminated', '{"a":1}}', '\u0000'];

/** `arbitrary` once in `every` cases, null otherwise. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: every - 1 }, { arbitrary, weight: 1 });
}

function uriSafe(value: string): string | undefined {
  return value.isWellFormed() ? encodeURIComponent(value) : undefined;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let system: TestSystem;
  let base: string;
  let document: ApiConformance;
  let schemas: SchemaArbitraries;
  let pair: OpenConversation;
  let knownIds: Record<string, string[]>;

  beforeAll(async () => {
    process.env.TEST_PROVIDER_SETTLE_MS = '20';
    system = await TestSystem.start();
    base = system.baseUrl;
    document = (await conformanceOf(base))!;
    schemas = new SchemaArbitraries(document.document.components.schemas);
    pair = await openConversation(base, 'SE1');
    const draft = await api(base, 'POST', '/api/connection/jobs', {
      token: pair.customer.token,
      body: TAP_JOB,
    });
    knownIds = {
      jobId: [pair.jobId, draft.body.job_id],
      leadId: [pair.leadId],
      conversationId: [pair.conversationId],
      sagaId: [],
    };
  }, 60_000);
  afterAll(() => system.stop());

  const pathSegment = (name: string): fc.Arbitrary<string> =>
    fc.oneof(
      ...(knownIds[name]?.length
        ? [{ arbitrary: fc.constantFrom(...knownIds[name]), weight: 4 }]
        : []),
      fc.uuid(),
      fc.constantFrom(...NASTY_SEGMENTS),
      fc
        .string({ unit: 'binary', minLength: 1, maxLength: 30 })
        .map(uriSafe)
        .filter((segment): segment is string => segment !== undefined && segment !== ''),
    );

  const queryValue = (schema: Record<string, unknown>): fc.Arbitrary<string | undefined> =>
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: schemas.valid(schema).map(String), weight: 4 },
      fc.constantFrom('0', '-1', '101', '1.5', 'abc', '', '9999999999999999999', '%00', '1e3'),
      fc.uuid(),
      fc.string({ unit: 'binary', maxLength: 20 }).map((value) => uriSafe(value) ?? ''),
    );

  function requestFor(template: string, operation: any, method: string): fc.Arbitrary<FuzzRequest> {
    const parameters: any[] = operation.parameters ?? [];
    const pathParams = parameters.filter((parameter) => parameter.in === 'path');
    const queryParams = parameters.filter((parameter) => parameter.in === 'query');
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    const mutation = ['POST', 'PUT', 'PATCH'].includes(method);
    return fc
      .record({
        segments: fc.tuple(...pathParams.map((parameter) => pathSegment(parameter.name))),
        query: fc.tuple(...queryParams.map((parameter) => queryValue(parameter.schema ?? {}))),
        body: !mutation
          ? fc.constant(undefined)
          : bodySchema
            ? fc.oneof(schemas.valid(bodySchema), schemas.invalid(bodySchema))
            : fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, anyJson()),
        rawBody: mutation ? sometimes(fc.constantFrom(...MALFORMED_JSON), 8) : fc.constant(null),
        key: mutation
          ? sometimes(
              fc.oneof(
                { arbitrary: fc.uuid(), weight: 3 },
                fc.constantFrom(
                  'short',
                  'bad key with spaces',
                  'k'.repeat(200),
                  '\u00e9t\u00e9-key-1',
                ),
              ),
              2,
            )
          : fc.constant(null),
        nastyHeader: sometimes(nastyValue().map(String), 10),
      })
      .map(({ segments, query, body, rawBody, key, nastyHeader }) => {
        let path = template;
        pathParams.forEach((parameter, index) => {
          path = path.replace(`{${parameter.name}}`, segments[index]);
        });
        const search = queryParams
          .map((parameter, index) => [parameter.name, query[index]] as const)
          .filter(([, value]) => value !== undefined)
          .map(([name, value]) => `${name}=${value}`);
        const headers: Record<string, string> = {};
        if (key !== null) headers['idempotency-key'] = key;
        if (nastyHeader !== null)
          headers['x-correlation-id'] = (uriSafe(nastyHeader) ?? '').slice(0, 200);
        return {
          path: search.length > 0 ? `${path}?${search.join('&')}` : path,
          ...(rawBody !== null ? { rawBody } : { body }),
          headers,
        };
      });
  }

  const tokenOf = (actor: Actor): TestUser | undefined =>
    actor === 'anonymous' ? undefined : actor === 'customer' ? pair.customer : pair.vendor;

  it.each<Actor>(['anonymous', 'customer', 'vendor'])(
    'as %s: no generated input answers 5xx, every answer is documented, and a refused one changes nothing',
    async (actor) => {
      let state = await settledDatabaseState(system.db);
      for (const { method, template, operation } of document.operations()) {
        await fc.assert(
          fc.asyncProperty(requestFor(template, operation, method), async (request) => {
            // `api` throws when the answer is not one the document describes.
            const response = await api(base, method, request.path, {
              token: tokenOf(actor)?.token,
              body: request.body,
              rawBody: request.rawBody,
              headers: request.headers,
            });
            expect([method, request.path, response.status < 500]).toEqual([
              method,
              request.path,
              true,
            ]);
            if (response.status >= 400) {
              expect(await databaseState(system.db)).toEqual(state);
            } else {
              state = await settledDatabaseState(system.db);
            }
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
    },
    Math.max(120_000, RUNS * 40_000),
  );
});
