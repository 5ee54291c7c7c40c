import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
export interface ApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
  [extension: string]: unknown;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** What a request that matches no route may get, by code. */
const UNROUTED_ANSWERS: Record<string, number> = {
  ROUTE_NOT_FOUND: 404,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

/**
 * Checks live answers against the gateway's own OpenAPI document: the status must be one the
 * operation documents (a 5xx may fall under `default`), and the body must match its schema,
 * strictly: component schemas allow no property they do not list, so an allow-list that lets
 * a field through undocumented fails too.
 */
export class ApiConformance {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: { template: string; pattern: RegExp; literals: number }[];

  constructor(readonly document: ApiDocument) {
    addFormats.default(this.ajv);
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      this.ajv.addSchema(toJsonSchema({ ...schema }, true), name);
    }
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        literals: template.split('/').filter((segment) => !segment.startsWith('{')).length,
      }))
      .sort((a, b) => b.literals - a.literals);
  }

  /** The template and operation that serve `method path`, if any does. */
  operationOf(
    method: string,
    path: string,
  ): { template: string; operation: Operation } | undefined {
    // As fetch sends it (dot segments resolved, the query apart) and as Express routes it: a
    // trailing slash, which `/wallet/payouts/..` leaves, names the same route as none.
    const bare = new URL(path, 'http://gateway').pathname.replace(/(.)\/$/, '$1');
    const route = this.routes.find(({ pattern }) => pattern.test(bare));
    const operation = route && this.document.paths[route.template][method.toLowerCase()];
    return operation && route ? { template: route.template, operation } : undefined;
  }

  /** What is wrong with this answer, or null when the document describes it. */
  problem(method: string, path: string, status: number, body: unknown): string | null {
    // The document itself and Swagger UI.
    if (path.startsWith('/api/docs')) return null;
    const found = this.operationOf(method, path);
    if (!found) {
      // No route, but the body parser runs first: its refusals come before the 404.
      const code = (body as { code?: string } | undefined)?.code;
      const expected = UNROUTED_ANSWERS[code ?? ''];
      return expected === status && this.ajv.validate('ErrorResponse', body)
        ? null
        : `${method} ${path} is no operation of the document, yet answered ${status} ${JSON.stringify(body)}`;
    }
    const { operation } = found;
    const documented =
      operation.responses[String(status)] ??
      (status >= 500 ? operation.responses.default : undefined);
    const where = `${operation.operationId} (${method} ${found.template}) answered ${status}`;
    if (!documented) return `${where}, which the document does not list`;
    const schema = documented.content?.['application/json']?.schema;
    if (!schema) {
      return body === undefined || typeof body === 'string'
        ? null
        : `${where} with a body the document does not describe`;
    }
    const key = `${operation.operationId} ${status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(structuredClone(schema), false));
      this.validators.set(key, validate);
    }
    if (validate(body)) return null;
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    return `${where} with a body that does not match its schema: ${errors.join('; ')}\n${JSON.stringify(body)}`;
  }

  /** Every operation, as `METHOD /template`. */
  operations(): { method: string; template: string; operation: Operation }[] {
    return Object.entries(this.document.paths).flatMap(([template, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        method: method.toUpperCase(),
        template,
        operation: item[method],
      })),
    );
  }
}

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a `null` alternative, refs name
 * the component, and (for components) unlisted properties are refused.
 */
function toJsonSchema(schema: Schema, strict: boolean): Schema {
  const visit = (node: unknown, top: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item, false));
    if (typeof node !== 'object' || node === null) return node;
    const copy: Schema = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] =
        key === 'properties'
          ? Object.fromEntries(
              Object.entries(value as Schema).map(([name, property]) => [
                name,
                visit(property, false),
              ]),
            )
          : key === '$ref'
            ? String(value).replace('#/components/schemas/', '')
            : visit(value, false);
    }
    if (strict && top && copy.properties && copy.additionalProperties === undefined) {
      copy.additionalProperties = false;
    }
    if (copy.nullable === true) {
      delete copy.nullable;
      return { anyOf: [copy, { type: 'null' }] };
    }
    return copy;
  };
  return visit(schema, true) as Schema;
}

const conformance = new Map<string, Promise<ApiConformance | null>>();

/** The checker of the gateway at `baseUrl`; null for an app that serves no API document. */
export function conformanceOf(baseUrl: string): Promise<ApiConformance | null> {
  let checker = conformance.get(baseUrl);
  if (!checker) {
    checker = fetch(`${baseUrl}/api/docs/openapi.json`)
      .then(async (response) =>
        response.ok ? new ApiConformance((await response.json()) as ApiDocument) : null,
      )
      .catch(() => null);
    conformance.set(baseUrl, checker);
  }
  return checker;
}
