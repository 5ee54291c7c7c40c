/**
 * Writes the generated parts of docs/api.md from the gateway's OpenAPI document, between their
 * markers: the route table (who may call each route, what it takes and answers, its own error
 * codes), the error table (every code, its status and meaning) and the schema table (the
 * fields of every body and answer). The prose around them is left as it is.
 *
 *   node scripts/api-docs.mjs [--from <url or file>]           regenerate
 *   node scripts/api-docs.mjs --check [--from <url or file>]   exit 1 if docs/api.md is out of date
 *
 * The document comes from a running gateway, by default the one `npm start` runs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';

const ROOT = path.resolve(import.meta.dirname, '..');
const API_DOC = path.join(ROOT, 'docs/api.md');
const DEFAULT_SOURCE = 'http://127.0.0.1:3000/api/docs/openapi.json';
const REGENERATE_COMMAND = 'npm start, then npm run docs:api';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
// The error codes are listed in their own table; shorter enums are spelt out.
const MAX_ENUM_LISTED = 12;

/**
 * Codes the gateway adds to routes by kind (docs/api.md explains when); the route table lists
 * each route's other codes.
 */
const BY_KIND = [
  ['signed-in routes', ['AUTH_REQUIRED', 'INVALID_TOKEN', 'TOKEN_EXPIRED', 'RATE_LIMITED']],
  ['routes limited to some roles', ['WRONG_ROLE']],
  ['credential routes (register, login, refresh, logout)', ['RATE_LIMITED']],
  ['routes with path, query or body parameters', ['VALIDATION_FAILED']],
  ['POST, PUT and PATCH', ['MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']],
  [
    'signed-in POST, PUT and PATCH',
    ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED'],
  ],
];
const CONVENTIONAL = new Set(BY_KIND.flatMap(([, codes]) => codes));

async function loadDocument(source) {
  if (/^https?:/.test(source)) {
    const response = await fetch(source).catch((error) => {
      throw new Error(
        `Cannot fetch ${source} (${error.cause?.code ?? error.message}): is a gateway running there?`,
      );
    });
    if (!response.ok) throw new Error(`${source} answered ${response.status}`);
    return response.json();
  }
  return JSON.parse(await readFile(source, 'utf8'));
}

function operationsOf(document) {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method,
      template,
      operation: item[method],
    })),
  );
}

const code = (text) => `\`${text}\``;
const refName = (ref) => ref.split('/').pop();

function whoMayCall(operation) {
  if (operation.security?.length === 0) return 'anyone';
  return operation['x-roles']?.join(', ') ?? 'signed in';
}

function errorCodesOf(operation) {
  return Object.entries(operation.responses)
    .filter(([status]) => /^4\d\d$/.test(status))
    .flatMap(([status, response]) =>
      response.content['application/json'].schema.allOf[1].properties.code.enum.map((name) => ({
        status,
        name,
      })),
    );
}

function takes(operation) {
  const parts = (operation.parameters ?? [])
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => code(`${parameter.name}${parameter.required ? '' : '?'}`));
  const body = operation.requestBody?.content?.['application/json']?.schema;
  if (body?.$ref) parts.unshift(code(refName(body.$ref)));
  else if (body) parts.unshift('JSON');
  return parts.join(', ') || '—';
}

function answers(operation) {
  return Object.entries(operation.responses)
    .filter(([status]) => /^2\d\d$/.test(status))
    .map(([status, response]) => {
      const schema = Object.values(response.content ?? {})[0]?.schema;
      const shape =
        schema?.$ref || schema?.oneOf ? typeOf(schema) : schema ? schema.type : 'no body';
      return `${status} ${shape}`;
    })
    .join('; ');
}

function routeTable(document) {
  const rows = operationsOf(document).map(({ method, template, operation }) => {
    const own = errorCodesOf(operation)
      .filter(({ name }) => !CONVENTIONAL.has(name))
      .map(({ status, name }) => `${status} ${code(name)}`);
    return `| ${code(`${method.toUpperCase()} ${template}`)} | ${whoMayCall(operation)} | ${operation.summary ?? ''} | ${takes(operation)} | ${answers(operation)} | ${own.join(', ') || '—'} |`;
  });
  return [
    '| route | who | what | takes | answers | its own errors |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Besides its own, each route answers the codes of its kind:',
    '',
    ...BY_KIND.map(([kind, codes]) => `- ${kind}: ${codes.map(code).join(', ')};`),
    '- every route: 5xx `INTERNAL_ERROR`, `UPSTREAM_UNAVAILABLE`, `UPSTREAM_TIMEOUT`.',
  ].join('\n');
}

function errorTable(document) {
  return [
    '| status | code | when |',
    '| --- | --- | --- |',
    ...document['x-error-codes'].map(
      ({ status, code: name, when }) => `| ${status} | ${code(name)} | ${when} |`,
    ),
  ].join('\n');
}

function typeOf(schema) {
  if (schema.$ref) return code(refName(schema.$ref));
  // One of several shapes: by the caller's role, say, or a part that may be unavailable.
  if (schema.oneOf)
    return schema.oneOf.map(typeOf).join(' or ') + (schema.nullable ? ' or null' : '');
  if (schema.allOf?.length === 1)
    return typeOf(schema.allOf[0]) + (schema.nullable ? ' or null' : '');
  let type;
  if (schema.enum?.length > MAX_ENUM_LISTED) type = `string (one of ${schema.enum.length} values)`;
  else if (schema.enum) type = schema.enum.map((value) => code(String(value))).join(' \\| ');
  else if (schema.type === 'array') type = `[${typeOf(schema.items)}]`;
  else type = schema.format ?? schema.type ?? 'any';
  const range = (min, max) =>
    min !== undefined && max !== undefined
      ? `${min}–${max}`
      : max !== undefined
        ? `≤ ${max}`
        : min !== undefined
          ? `≥ ${min}`
          : '';
  const limits = range(schema.minLength, schema.maxLength) || range(schema.minimum, schema.maximum);
  return `${type}${limits ? ` (${limits})` : ''}${schema.nullable ? ' or null' : ''}`;
}

function schemaTable(document) {
  const rows = Object.entries(document.components.schemas)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, schema]) => {
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties ?? {}).map(
        ([field, property]) =>
          `${code(`${field}${required.has(field) ? '' : '?'}`)}: ${typeOf(property)}`,
      );
      return `| ${code(name)} | ${fields.join('; ') || 'any JSON object'} |`;
    });
  return ['| schema | fields (`?`: optional) |', '| --- | --- |', ...rows].join('\n');
}

function withBlock(markdown, name, content) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/api.md lacks the ${start} … ${end} markers`);
  const note = `<!-- Generated from the gateway's OpenAPI document by scripts/api-docs.mjs (${REGENERATE_COMMAND}); do not edit by hand. -->`;
  return `${markdown.slice(0, from + start.length)}\n${note}\n\n${content}\n\n${markdown.slice(to)}`;
}

async function render(document, markdown) {
  let text = markdown;
  text = withBlock(text, 'routes', routeTable(document));
  text = withBlock(text, 'errors', errorTable(document));
  text = withBlock(text, 'schemas', schemaTable(document));
  const options = await prettier.resolveConfig(API_DOC);
  return prettier.format(text, { ...options, filepath: API_DOC });
}

const fromIndex = process.argv.indexOf('--from');
const source = fromIndex > 0 ? process.argv[fromIndex + 1] : DEFAULT_SOURCE;
const committed = await readFile(API_DOC, 'utf8');
const generated = await render(await loadDocument(source), committed);
if (process.argv.includes('--check')) {
  if (committed !== generated) {
    console.error(
      `docs/api.md is out of date with the gateway's OpenAPI document: run ${REGENERATE_COMMAND}`,
    );
    process.exit(1);
  }
} else {
  await writeFile(API_DOC, generated);
  console.log(`wrote ${path.relative(ROOT, API_DOC)}`);
}
