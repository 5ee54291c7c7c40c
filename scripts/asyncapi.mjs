/**
 * Writes docs/asyncapi.yaml, the AsyncAPI 3.0 contract of the domain events, from the TypeScript
 * sources in libs/contracts: EVENT_CATALOGUE says which events exist and who sends them, and the
 * envelope and payload interfaces give their schemas. It reads the sources with the TypeScript
 * compiler's type checker, so nothing needs building first.
 *
 *   node scripts/asyncapi.mjs           regenerate the document
 *   node scripts/asyncapi.mjs --check   exit 1 if the committed document is out of date
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUTPUT = path.join(ROOT, 'docs/asyncapi.yaml');
const SOURCES = {
  catalogue: 'libs/contracts/src/events/event-catalogue.ts',
  envelope: 'libs/contracts/src/events/event-envelope.ts',
  eventTypes: 'libs/contracts/src/events/event-types.ts',
  busRequest: 'libs/contracts/src/bus/bus-request.ts',
};
const REGENERATE_COMMAND = 'npm run docs:asyncapi';

function loadContracts() {
  const program = ts.createProgram({
    rootNames: Object.values(SOURCES).map((file) => path.join(ROOT, file)),
    options: {
      target: ts.ScriptTarget.ES2024,
      lib: ['lib.es2024.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      types: [],
    },
  });
  const checker = program.getTypeChecker();
  const modules = Object.fromEntries(
    Object.entries(SOURCES).map(([key, file]) => {
      const sourceFile = program.getSourceFile(path.join(ROOT, file));
      // The catalogue's `satisfies` clause is what ties it to the payload interfaces.
      const errors = program.getSemanticDiagnostics(sourceFile);
      if (errors.length > 0) {
        const text = ts.formatDiagnostics(errors, {
          getCanonicalFileName: (name) => name,
          getCurrentDirectory: () => ROOT,
          getNewLine: () => '\n',
        });
        throw new Error(`libs/contracts does not compile:\n${text}`);
      }
      return [key, checker.getSymbolAtLocation(sourceFile)];
    }),
  );
  const exported = (module, name) => {
    const symbol = checker.getExportsOfModule(modules[module]).find((s) => s.name === name);
    if (!symbol) throw new Error(`${SOURCES[module]} exports no ${name}`);
    return symbol;
  };
  return { checker, exported };
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

function buildDocument() {
  const { checker, exported } = loadContracts();
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
        checker.getTypeOfSymbol(exported('eventTypes', name)).getProperty('name'),
      ),
      `${name}.name`,
    );
  const eventStream = streamName('EVENT_STREAM');
  const deadLetterStream = streamName('DEAD_LETTER_STREAM');
  const correlationHeader = literalValue(
    checker.getTypeOfSymbol(exported('busRequest', 'CORRELATION_ID_HEADER')),
    'CORRELATION_ID_HEADER',
  );

  const events = catalogueType.getProperties().map((entry) => {
    const field = (name) =>
      literalValue(
        checker.getTypeOfSymbol(checker.getTypeOfSymbol(entry).getProperty(name)),
        `EVENT_CATALOGUE.${entry.name}.${name}`,
      );
    const payloadSymbol = checker.getTypeOfSymbol(payloadsType.getProperty(entry.name)).symbol;
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

  const envelope = writer.interfaceSchema(exported('envelope', 'EventEnvelope'));
  // Only catalogued types travel on the stream; the reserved names of EventType do not.
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

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'TradeMatch domain events',
      version: String(envelopeVersion),
      description: [
        `Every domain event is a JSON envelope (version ${envelopeVersion}) published on the JetStream`,
        `stream ${eventStream}, on the subject \`events.<producing service>.<EVENT_TYPE>\`.`,
        'Delivery is at least once: deduplicate by `event_id`. Generated from libs/contracts by',
        `scripts/asyncapi.mjs (\`${REGENERATE_COMMAND}\`); do not edit by hand.`,
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

async function render() {
  const yaml = `# Generated by scripts/asyncapi.mjs from libs/contracts. Regenerate with: ${REGENERATE_COMMAND}\n${toYaml(buildDocument()).trimStart()}\n`;
  const options = await prettier.resolveConfig(OUTPUT);
  return prettier.format(yaml, { ...options, filepath: OUTPUT });
}

const generated = await render();
const relative = path.relative(ROOT, OUTPUT);
if (process.argv.includes('--check')) {
  const committed = await readFile(OUTPUT, 'utf8').catch(() => '');
  if (committed !== generated) {
    console.error(`${relative} is out of date with libs/contracts: run ${REGENERATE_COMMAND}`);
    process.exit(1);
  }
} else {
  await writeFile(OUTPUT, generated);
  console.log(`wrote ${relative}`);
}
