/**
 * Writes the generated parts of the contract docs from the TypeScript sources in libs/contracts,
 * read with the TypeScript compiler's type checker, so nothing needs building first:
 *
 * - docs/asyncapi.yaml, the AsyncAPI 3.0 contract of the domain events: EVENT_CATALOGUE says
 *   which events exist and who sends them, the envelope and payload interfaces give their schemas;
 *   and of the users' real-time items (`users.<userId>.events`), from USER_EVENT_STREAM and the
 *   item and data interfaces of libs/contracts/src/notifications/user-events.ts;
 * - the request/reply table of docs/events.md, between its endpoints markers: one row per
 *   endpoint of the `*Api` objects in libs/contracts/src/<service>/<service>.api.ts.
 *
 *   node scripts/contract-docs.mjs           regenerate both
 *   node scripts/contract-docs.mjs --check   exit 1 if either committed file is out of date
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONTRACTS = 'libs/contracts/src';
const ASYNCAPI = path.join(ROOT, 'docs/asyncapi.yaml');
const EVENTS_DOC = path.join(ROOT, 'docs/events.md');
const ENDPOINTS_START = '<!-- endpoints:start -->';
const ENDPOINTS_END = '<!-- endpoints:end -->';
const SOURCES = {
  catalogue: `${CONTRACTS}/events/event-catalogue.ts`,
  envelope: `${CONTRACTS}/events/event-envelope.ts`,
  streams: `${CONTRACTS}/events/event-streams.ts`,
  busRequest: `${CONTRACTS}/bus/bus-request.ts`,
  endpoint: `${CONTRACTS}/bus/endpoint.ts`,
  userEvents: `${CONTRACTS}/notifications/user-events.ts`,
};
const REGENERATE_COMMAND = 'npm run docs:contracts';

/** Every service's API module, in path order so that reruns list them identically. */
async function apiModules() {
  const services = await readdir(path.join(ROOT, CONTRACTS), { withFileTypes: true });
  const modules = [];
  for (const service of services.filter((entry) => entry.isDirectory())) {
    const files = await readdir(path.join(ROOT, CONTRACTS, service.name));
    for (const file of files.filter((name) => name.endsWith('.api.ts'))) {
      modules.push(`${CONTRACTS}/${service.name}/${file}`);
    }
  }
  return modules.sort();
}

function loadContracts(files) {
  const program = ts.createProgram({
    rootNames: files.map((file) => path.join(ROOT, file)),
    options: {
      target: ts.ScriptTarget.ES2024,
      lib: ['lib.es2024.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      experimentalDecorators: true,
      noEmit: true,
      types: [],
    },
  });
  const checker = program.getTypeChecker();
  const modules = new Map(
    files.map((file) => {
      const sourceFile = program.getSourceFile(path.join(ROOT, file));
      // The catalogue's `satisfies` clause is what ties it to the payload interfaces, and the
      // endpoint() calls are what tie an endpoint to its request class.
      const errors = program.getSemanticDiagnostics(sourceFile);
      if (errors.length > 0) {
        const text = ts.formatDiagnostics(errors, {
          getCanonicalFileName: (name) => name,
          getCurrentDirectory: () => ROOT,
          getNewLine: () => '\n',
        });
        throw new Error(`libs/contracts does not compile:\n${text}`);
      }
      return [file, checker.getSymbolAtLocation(sourceFile)];
    }),
  );
  const exportsOf = (file) => checker.getExportsOfModule(modules.get(file));
  const exported = (module, name) => {
    const symbol = exportsOf(SOURCES[module]).find((s) => s.name === name);
    if (!symbol) throw new Error(`${SOURCES[module]} exports no ${name}`);
    return symbol;
  };
  return { checker, exported, exportsOf };
}

function literalValue(type, what) {
  if (type.isStringLiteral() || type.isNumberLiteral()) return type.value;
  throw new Error(`${what} is not a literal`);
}

/** Turns TypeScript types into JSON Schema, failing on anything it cannot state faithfully. */
class SchemaWriter {
  constructor(checker) {
    this.checker = checker;
  }

  /** The schema of an interface, with its JSDoc as the description. */
  interfaceSchema(symbol) {
    const schema = this.objectSchema(this.checker.getDeclaredTypeOfSymbol(symbol), symbol.name);
    return withDescription(this.documentation(symbol), schema);
  }

  typeSchema(type, where) {
    const members = type.isUnion() ? type.types : [type];
    // Optional properties read as `T | undefined` under strict: optionality is `required`'s job.
    const present = members.filter(
      (t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)),
    );
    const nullable = members.some((t) => t.flags & ts.TypeFlags.Null);
    const schema = this.nonNullSchema(present, where);
    if (!nullable) return schema;
    return {
      ...schema,
      type: [schema.type, 'null'],
      ...(schema.enum ? { enum: [...schema.enum, null] } : {}),
    };
  }

  nonNullSchema(types, where) {
    if (types.length > 1 && types.every((t) => t.isStringLiteral())) {
      // Union order follows the checker's internals; sorting keeps reruns identical.
      return { type: 'string', enum: types.map((t) => t.value).sort() };
    }
    // `boolean` itself is the union `false | true`.
    if (types.length > 1 && types.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) {
      return { type: 'boolean' };
    }
    if (types.length !== 1) {
      throw new Error(`${where}: unsupported union ${types.map(this.text, this).join(' | ')}`);
    }
    const [type] = types;
    const { flags } = type;
    if (flags & ts.TypeFlags.String) return { type: 'string' };
    if (flags & ts.TypeFlags.Number) return { type: 'number' };
    if (type.isStringLiteral()) return { type: 'string', const: type.value };
    if (type.isNumberLiteral()) return { type: 'number', const: type.value };
    if (this.checker.isArrayType(type)) {
      const [item] = this.checker.getTypeArguments(type);
      return { type: 'array', items: this.typeSchema(item, `${where}[]`) };
    }
    // A generic envelope's payload: only its `object` constraint is known.
    if (flags & ts.TypeFlags.TypeParameter) {
      return this.typeSchema(this.checker.getBaseConstraintOfType(type), where);
    }
    if (flags & ts.TypeFlags.NonPrimitive) return { type: 'object' };
    if (flags & ts.TypeFlags.Object) return this.objectSchema(type, where);
    throw new Error(`${where}: unsupported type ${this.text(type)}`);
  }

  objectSchema(type, where) {
    const properties = {};
    const required = [];
    for (const property of this.propertiesInDeclarationOrder(type)) {
      const propertyType = this.checker.getTypeOfSymbol(property);
      const description =
        this.documentation(property) ||
        (propertyType.aliasSymbol ? this.documentation(propertyType.aliasSymbol) : '');
      properties[property.name] = withDescription(
        description,
        this.typeSchema(propertyType, `${where}.${property.name}`),
      );
      if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
    }
    return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
  }

  /** Inherited properties first, as a reader of the interfaces would list them. */
  propertiesInDeclarationOrder(type) {
    const names = [];
    const visit = (t) => {
      if (t.objectFlags & ts.ObjectFlags.ClassOrInterface) {
        for (const base of this.checker.getBaseTypes(t)) visit(base);
      }
      for (const property of this.checker.getPropertiesOfType(t)) {
        if (!names.includes(property.name)) names.push(property.name);
      }
    };
    visit(type);
    return names.map((name) => this.checker.getPropertyOfType(type, name));
  }

  /** JSDoc text, its wrapped lines joined again. */
  documentation(symbol) {
    return ts
      .displayPartsToString(symbol.getDocumentationComment(this.checker))
      .replace(/(?<!\n)\n(?!\n)/g, ' ')
      .trim();
  }

  text(type) {
    return this.checker.typeToString(type);
  }
}

function withDescription(description, schema) {
  return description ? { description, ...schema } : schema;
}

function pascalCase(eventType) {
  return eventType
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

const schemaRef = (name) => ({ $ref: `#/components/schemas/${name}` });

function buildAsyncApi({ checker, exported }) {
  const writer = new SchemaWriter(checker);
  const catalogueType = checker.getTypeOfSymbol(exported('catalogue', 'EVENT_CATALOGUE'));
  const payloadsType = checker.getDeclaredTypeOfSymbol(exported('catalogue', 'EventPayloads'));
  const envelopeVersion = literalValue(
    checker.getTypeOfSymbol(exported('envelope', 'EVENT_ENVELOPE_VERSION')),
    'EVENT_ENVELOPE_VERSION',
  );
  const streamName = (name) =>
    literalValue(
      checker.getTypeOfSymbol(
        checker.getTypeOfSymbol(exported('streams', name)).getProperty('name'),
      ),
      `${name}.name`,
    );
  const eventStream = streamName('EVENT_STREAM');
  const deadLetterStream = streamName('DEAD_LETTER_STREAM');
  const correlationHeader = literalValue(
    checker.getTypeOfSymbol(exported('busRequest', 'CORRELATION_ID_HEADER')),
    'CORRELATION_ID_HEADER',
  );

  // In the order the services' modules declare them; the catalogue's `satisfies` clause makes
  // its entries exactly these types.
  const events = writer.propertiesInDeclarationOrder(payloadsType).map((payloadProperty) => {
    const entry = catalogueType.getProperty(payloadProperty.name);
    if (!entry) throw new Error(`EVENT_CATALOGUE has no entry for ${payloadProperty.name}`);
    const field = (name) =>
      literalValue(
        checker.getTypeOfSymbol(checker.getTypeOfSymbol(entry).getProperty(name)),
        `EVENT_CATALOGUE.${entry.name}.${name}`,
      );
    const payloadSymbol = checker.getTypeOfSymbol(payloadProperty).symbol;
    if (!(payloadSymbol?.flags & ts.SymbolFlags.Interface)) {
      throw new Error(`EventPayloads.${entry.name} must name a payload interface`);
    }
    return {
      type: entry.name,
      producer: field('producer'),
      subject: field('subject'),
      description: field('description'),
      payload: payloadSymbol,
    };
  });

  const envelope = writer.interfaceSchema(exported('envelope', 'Envelope'));
  // `event_type` is a type parameter of Envelope; on the stream it is a catalogued type.
  envelope.properties.event_type = {
    ...envelope.properties.event_type,
    enum: events.map((event) => event.type),
  };

  const schemas = {
    EventEnvelope: envelope,
    EventHeaders: {
      type: 'object',
      properties: {
        'Nats-Msg-Id': {
          description: "The envelope's event_id, by which JetStream drops a duplicate publish.",
          type: 'string',
        },
        [correlationHeader]: { description: "The envelope's correlation_id.", type: 'string' },
      },
    },
    // libs/platform's EventConsumers sets these, and libs/contracts does not name them.
    DeadLetterHeaders: {
      type: 'object',
      properties: {
        'x-consumer': {
          description: 'The durable consumer that gave the event up.',
          type: 'string',
        },
        'x-original-subject': {
          description: 'The subject the event was published on.',
          type: 'string',
        },
        'x-deliveries': {
          description: 'How many times it was delivered, in decimal.',
          type: 'string',
        },
        'x-reason': {
          description:
            "`refused` (a domain rule refused it: a 4xx), `unreadable` (no event of a known type and version, or not on its producer's subject) or `gave_up` (it kept failing for EVENT_RETRY_GIVE_UP_MS).",
          type: 'string',
          enum: ['refused', 'unreadable', 'gave_up'],
        },
        'x-error': { description: 'The last error, cut to 500 characters.', type: 'string' },
        [correlationHeader]: { description: "The event's correlation id.", type: 'string' },
        'Nats-Msg-Id': {
          description: '`<consumer>:<stream sequence>` of the event.',
          type: 'string',
        },
      },
    },
  };
  for (const event of events) {
    schemas[event.payload.name] ??= writer.interfaceSchema(event.payload);
  }

  const channels = {};
  const operations = {};
  const messages = {};
  for (const event of events) {
    const payload = structuredClone(envelope);
    const { properties } = payload;
    properties.event_type = { ...properties.event_type, const: event.type };
    delete properties.event_type.enum;
    properties.version = { ...properties.version, const: envelopeVersion };
    const subject = properties.subject.properties;
    subject.type = { ...subject.type, const: event.subject };
    properties.payload = schemaRef(event.payload.name);

    messages[event.type] = {
      name: event.type,
      title: event.type,
      summary: event.description,
      contentType: 'application/json',
      headers: schemaRef('EventHeaders'),
      payload,
    };
    channels[event.type] = {
      address: `events.${event.producer}.${event.type}`,
      description: `${event.description} On the JetStream stream ${eventStream}.`,
      messages: { [event.type]: { $ref: `#/components/messages/${event.type}` } },
    };
    operations[`send${pascalCase(event.type)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${event.type}` },
      summary: `${event.producer} records ${event.type} in its outbox; the relay publishes it.`,
      tags: [{ name: event.producer }],
      messages: [{ $ref: `#/channels/${event.type}/messages/${event.type}` }],
    };
  }
  messages.DeadLetter = {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: 'An event a consumer gave up on after its bounded deliveries, unchanged.',
    description: 'Under the event type UNPARSEABLE, the bytes of a message that was no envelope.',
    contentType: 'application/json',
    headers: schemaRef('DeadLetterHeaders'),
    payload: schemaRef('EventEnvelope'),
  };
  channels.deadLetters = {
    address: 'deadletter.{consumer}.{eventType}',
    description: `Events that consumers gave up on, on the JetStream stream ${deadLetterStream}.`,
    parameters: {
      consumer: { description: 'The durable name of the consumer, e.g. notifications-event-log.' },
      eventType: { description: "The envelope's event_type, or UNPARSEABLE." },
    },
    messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
  };
  operations.sendDeadLetter = {
    action: 'send',
    channel: { $ref: '#/channels/deadLetters' },
    summary: "Any service's event consumers, for an event whose handling kept failing.",
    messages: [{ $ref: '#/channels/deadLetters/messages/DeadLetter' }],
  };

  addUserEvents({ checker, exported, writer, schemas, channels, operations, messages });

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'TradeMatch domain events',
      version: String(envelopeVersion),
      description: [
        `Every domain event is a JSON envelope (version ${envelopeVersion}) published on the JetStream`,
        `stream ${eventStream}, on the subject \`events.<producing service>.<EVENT_TYPE>\`.`,
        'Delivery is at least once: deduplicate by `event_id`. Generated from libs/contracts by',
        `scripts/contract-docs.mjs (\`${REGENERATE_COMMAND}\`); do not edit by hand.`,
      ].join(' '),
    },
    servers: {
      nats: {
        host: 'localhost:4222',
        protocol: 'nats',
        description: "NATS with JetStream: each deployment's NATS_URL.",
      },
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      messages,
    },
  };
}

/**
 * The users' real-time items: one channel, `users.{userId}.events`, with a message per item kind
 * (the `UserEventData` properties), whose `data` is that kind's interface.
 */
function addUserEvents({ checker, exported, writer, schemas, channels, operations, messages }) {
  const streamType = checker.getTypeOfSymbol(exported('userEvents', 'USER_EVENT_STREAM'));
  const streamField = (name) =>
    literalValue(
      checker.getTypeOfSymbol(streamType.getProperty(name)),
      `USER_EVENT_STREAM.${name}`,
    );
  const [stream, publisher, reader] = ['name', 'publisher', 'reader'].map(streamField);
  const itemSymbol = exported('userEvents', 'UserEventItem');
  const itemType = checker.getDeclaredTypeOfSymbol(itemSymbol);
  const dataType = checker.getDeclaredTypeOfSymbol(exported('userEvents', 'UserEventData'));
  const item = { type: 'object', properties: {}, required: [] };
  for (const property of writer.propertiesInDeclarationOrder(itemType)) {
    const described = writer.documentation(property);
    const schema =
      property.name === 'kind' || property.name === 'data'
        ? {}
        : writer.typeSchema(checker.getTypeOfSymbol(property), `UserEventItem.${property.name}`);
    item.properties[property.name] = withDescription(described, schema);
    item.required.push(property.name);
  }
  const itemDescription = writer.documentation(itemSymbol);
  const kindMessages = {};
  for (const kind of dataType.getProperties()) {
    const data = checker.getTypeOfSymbol(kind).symbol;
    if (!(data?.flags & ts.SymbolFlags.Interface)) {
      throw new Error(`UserEventData.${kind.name} must name a data interface`);
    }
    schemas[data.name] ??= writer.interfaceSchema(data);
    const payload = withDescription(itemDescription, structuredClone(item));
    payload.properties.kind = { type: 'string', const: kind.name };
    payload.properties.data = schemaRef(data.name);
    const name = `UserEvent.${kind.name}`;
    messages[name] = {
      name,
      title: `${kind.name} item`,
      summary: writer.documentation(data),
      contentType: 'application/json',
      headers: schemaRef('UserEventHeaders'),
      payload,
    };
    kindMessages[name] = { $ref: `#/components/messages/${name}` };
  }
  schemas.UserEventHeaders = {
    type: 'object',
    properties: {
      'Nats-Msg-Id': {
        description: "The item's item_id, by which JetStream drops a duplicate publish.",
        type: 'string',
      },
      'x-correlation-id': { description: "The item's correlation_id.", type: 'string' },
    },
  };
  channels.userEvents = {
    address: 'users.{userId}.events',
    description:
      `One user's real-time items, on the JetStream stream ${stream} (kept USER_EVENTS_MAX_AGE_MS, ` +
      '15 minutes by default). The stream sequence of an item is its Server-Sent Events id at ' +
      'GET /api/connection/stream.',
    parameters: { userId: { description: 'The recipient, a user id.' } },
    messages: kindMessages,
  };
  const refs = Object.keys(kindMessages).map((name) => ({
    $ref: `#/channels/userEvents/messages/${name}`,
  }));
  operations.sendUserEvent = {
    action: 'send',
    channel: { $ref: '#/channels/userEvents' },
    summary: `${publisher} writes the items of each event it fans out in its outbox; the relay publishes them.`,
    tags: [{ name: publisher }],
    messages: refs,
  };
  operations.receiveUserEvent = {
    action: 'receive',
    channel: { $ref: '#/channels/userEvents' },
    summary: `${reader} reads them (one ordered consumer per replica, and one per resumed stream) and serves them as Server-Sent Events.`,
    tags: [{ name: reader }],
    messages: refs,
  };
}

/**
 * One row per endpoint of the `*Api` objects: its subject, request class, reply type and
 * callers, all read from the `endpoint<Reply>()(subject, RequestClass, callers)` declarations.
 */
function buildEndpointRows({ checker, exported, exportsOf }, files) {
  const endpointType = checker.getDeclaredTypeOfSymbol(exported('endpoint', 'Endpoint'));
  const rows = [];
  const subjects = new Set();
  for (const file of files) {
    for (const api of exportsOf(file)) {
      for (const property of checker.getTypeOfSymbol(api).getProperties()) {
        const where = `${api.name}.${property.name} (${file})`;
        const type = checker.getTypeOfSymbol(property);
        const call = property.valueDeclaration?.initializer;
        if (type.target !== endpointType || !call || !ts.isCallExpression(call)) {
          throw new Error(`${where} is not declared with endpoint<Reply>()(...)`);
        }
        const [request, reply] = checker.getTypeArguments(type);
        const subject = literalValue(
          checker.getTypeAtLocation(call.arguments[0]),
          `${where} subject`,
        );
        if (subjects.has(subject)) throw new Error(`${where}: ${subject} is declared twice`);
        subjects.add(subject);
        const [, , callersParameter] = checker.getResolvedSignature(call).parameters;
        rows.push({
          subject,
          data: typeName(checker, request, `${where} request`),
          reply: typeName(checker, reply, `${where} reply`),
          callers: callersOf(checker, checker.getTypeOfSymbol(callersParameter), where),
        });
      }
    }
  }
  return rows;
}

/** A named type, or a union of named types (`AcceptLeadReply` or `SagaRunningReply`). */
function typeName(checker, type, what) {
  if (type.isUnion() && !type.aliasSymbol) {
    return type.types.map((member) => typeName(checker, member, what)).join('` or `');
  }
  const symbol = type.aliasSymbol ?? type.symbol;
  if (!symbol || symbol.name.startsWith('__')) {
    throw new Error(`${what} must be a named type, not ${checker.typeToString(type)}`);
  }
  return symbol.name;
}

/** `users` roles as they are, services marked: `customer`, `admin` / service `jobs-leads`. */
function callersOf(checker, callersType, where) {
  const names = (kind) => {
    const property = callersType.getProperty(kind);
    if (!property) return [];
    return checker
      .getTypeArguments(checker.getTypeOfSymbol(property))
      .map((item) => literalValue(item, `${where} callers.${kind}`));
  };
  const callers = [
    ...names('users').map((role) => `\`${role}\``),
    ...names('services').map((service) => `service \`${service}\``),
  ];
  if (callers.length === 0) throw new Error(`${where} has no callers`);
  return callers.join(', ');
}

async function renderEndpointTable(rows) {
  const table = [
    '| subject | data | reply | callers |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (row) => `| \`${row.subject}\` | \`${row.data}\` | \`${row.reply}\` | ${row.callers} |`,
    ),
  ].join('\n');
  const options = await prettier.resolveConfig(EVENTS_DOC);
  return prettier.format(table, { ...options, parser: 'markdown' });
}

/** docs/events.md with the generated table between its markers; the prose is left as it is. */
async function renderEventsDoc(contracts, files) {
  const markdown = await readFile(EVENTS_DOC, 'utf8');
  const start = markdown.indexOf(ENDPOINTS_START);
  const end = markdown.indexOf(ENDPOINTS_END);
  if (start < 0 || end < start) {
    throw new Error(`docs/events.md needs the lines ${ENDPOINTS_START} and ${ENDPOINTS_END}`);
  }
  const table = await renderEndpointTable(buildEndpointRows(contracts, files));
  return `${markdown.slice(0, start + ENDPOINTS_START.length)}\n\n${table}\n${markdown.slice(end)}`;
}

/** Block-style YAML for JSON data; prettier then settles quoting and layout. */
function toYaml(value, indent = '') {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value
      .map((item) => {
        const body = toYaml(item, `${indent}  `);
        return isCollection(item) ? `\n${indent}- ${body.trimStart()}` : `\n${indent}-${body}`;
      })
      .join('');
  }
  if (isCollection(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}';
    return entries
      .map(([key, item]) => `\n${indent}${yamlScalar(key)}:${toYaml(item, `${indent}  `)}`)
      .join('');
  }
  return ` ${yamlScalar(value)}`;
}

function isCollection(value) {
  return typeof value === 'object' && value !== null;
}

function yamlScalar(value) {
  if (typeof value !== 'string') return JSON.stringify(value);
  // A JSON string is a valid YAML double-quoted scalar.
  return /^[A-Za-z$][\w$.-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

async function renderAsyncApi(contracts) {
  const yaml = `# Generated by scripts/contract-docs.mjs from libs/contracts. Regenerate with: ${REGENERATE_COMMAND}\n${toYaml(buildAsyncApi(contracts)).trimStart()}\n`;
  const options = await prettier.resolveConfig(ASYNCAPI);
  return prettier.format(yaml, { ...options, filepath: ASYNCAPI });
}

const apis = await apiModules();
const contracts = loadContracts([...Object.values(SOURCES), ...apis]);
const outputs = [
  [ASYNCAPI, await renderAsyncApi(contracts)],
  [EVENTS_DOC, await renderEventsDoc(contracts, apis)],
];
if (process.argv.includes('--check')) {
  let stale = false;
  for (const [file, generated] of outputs) {
    const committed = await readFile(file, 'utf8').catch(() => '');
    if (committed !== generated) {
      console.error(
        `${path.relative(ROOT, file)} is out of date with libs/contracts: run ${REGENERATE_COMMAND}`,
      );
      stale = true;
    }
  }
  if (stale) process.exit(1);
} else {
  for (const [file, generated] of outputs) {
    await writeFile(file, generated);
    console.log(`wrote ${path.relative(ROOT, file)}`);
  }
}
