import { IDEMPOTENCY_KEY_PATTERN, type ErrorDescription } from '#contracts';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
} from '@nestjs/swagger';

/** What the gateway knows about a route, beyond what its swagger decorators say. */
export interface RouteFacts {
  public: boolean;
  roles?: readonly string[];
  /** Register, login, refresh, logout: limited per address and per account. */
  credentialRoute: boolean;
  /** Codes of its own, from `@ApiErrors`. */
  errors: readonly string[];
}

const ERROR_SCHEMA_NAME = 'ErrorResponse';
const ERROR_SCHEMA_REF = `#/components/schemas/${ERROR_SCHEMA_NAME}`;
const MUTATIONS = new Set(['post', 'put', 'patch']);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Completes the document Nest's swagger module derived from the decorators with what every
 * route of a kind shares, so no route can forget it: who may call it (`security`, `x-roles`),
 * its error responses (its own codes and those of authentication, roles, validation,
 * idempotency and rate limits, each status with the shared error schema and its codes), the
 * Idempotency-Key header once on every signed-in mutation, and the error catalogue itself
 * (`x-error-codes`), from which docs/api.md's error table is generated.
 */
export function completeApiDocument(
  document: OpenAPIObject,
  factsOf: (operationId: string) => RouteFacts,
  catalogue: Readonly<Record<string, ErrorDescription>>,
): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const facts = factsOf(operation.operationId ?? `${method} ${path}`);
      completeOperation(operation, method, facts, catalogue);
    }
  }
  // Codes add details of their own (`fields`, `retry_after`, `required`, ...).
  const errorSchema = document.components?.schemas?.[ERROR_SCHEMA_NAME];
  if (errorSchema) Object.assign(errorSchema, { additionalProperties: true });
  Object.assign(document, {
    'x-error-codes': Object.entries(catalogue)
      .map(([code, { status, when }]) => ({ code, status, when }))
      .sort((a, b) => a.status - b.status || a.code.localeCompare(b.code)),
  });
}

function completeOperation(
  operation: OperationObject,
  method: string,
  facts: RouteFacts,
  catalogue: Readonly<Record<string, ErrorDescription>>,
): void {
  const mutation = MUTATIONS.has(method);
  const idempotent = mutation && !facts.public;
  const parameters = (operation.parameters ?? []).filter((p) => !isIdempotencyHeader(p));
  if (idempotent) parameters.push(IDEMPOTENCY_KEY_HEADER);
  operation.parameters = parameters;
  operation.security = facts.public ? [] : [{ bearer: [] }];
  if (facts.roles) Object.assign(operation, { 'x-roles': [...facts.roles] });

  const codes = new Set(facts.errors);
  const add = (...more: string[]) => more.forEach((code) => codes.add(code));
  if (!facts.public) add('AUTH_REQUIRED', 'INVALID_TOKEN', 'TOKEN_EXPIRED', 'RATE_LIMITED');
  if (facts.roles) add('WRONG_ROLE');
  if (facts.credentialRoute) add('RATE_LIMITED');
  if (parameters.length > 0 || operation.requestBody) add('VALIDATION_FAILED');
  if (mutation) add('MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  if (idempotent) add('IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED');

  const byStatus = new Map<string, string[]>();
  for (const code of codes) {
    const description = catalogue[code];
    if (!description)
      throw new Error(`${operation.operationId}: ${code} is not in ERROR_CATALOGUE`);
    if (description.status >= 500) continue;
    const status = String(description.status);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const serverErrors = Object.keys(catalogue).filter((code) => catalogue[code].status >= 500);
  const responses: OperationObject['responses'] = { ...operation.responses };
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a.localeCompare(b))) {
    responses[status] = errorResponse(statusCodes.sort());
  }
  responses.default = errorResponse(serverErrors.sort());
  operation.responses = responses;
}

function errorResponse(codes: string[]): ResponseObject {
  return {
    description: codes.join(', '),
    content: {
      'application/json': {
        schema: {
          allOf: [
            { $ref: ERROR_SCHEMA_REF },
            { type: 'object', properties: { code: { type: 'string', enum: codes } } },
          ],
        },
      },
    },
  };
}

const IDEMPOTENCY_KEY_HEADER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the request safe to retry: a retry with the same key gets the first answer again. Also accepted as the body field `idempotency_key`.',
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
};

function isIdempotencyHeader(parameter: ParameterObject | ReferenceObject): boolean {
  return (
    'in' in parameter &&
    parameter.in === 'header' &&
    parameter.name.toLowerCase() === 'idempotency-key'
  );
}
