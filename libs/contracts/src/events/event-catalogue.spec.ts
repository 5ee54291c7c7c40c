import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { EVENT_CATALOGUE, type CataloguedEventType } from './event-catalogue.js';
import { EVENT_TYPES } from './event-types.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

interface ProducedEvent {
  type: string;
  producer: string;
  payload: string | undefined;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2024, true);
}

function visit(node: ts.Node, onCall: (call: ts.CallExpression) => void): void {
  if (ts.isCallExpression(node)) onCall(node);
  ts.forEachChild(node, (child) => visit(child, onCall));
}

/** Every `this.outbox.record<Payload>(em, { type: 'EVENT', ... })` in the apps' sources. */
function recordedEvents(): ProducedEvent[] {
  const events: ProducedEvent[] = [];
  for (const app of readdirSync(path.join(ROOT, 'apps'))) {
    const sources = readdirSync(path.join(ROOT, 'apps', app, 'src'), {
      recursive: true,
      encoding: 'utf8',
    }).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
    for (const file of sources) {
      const sourceFile = parse(path.join(ROOT, 'apps', app, 'src', file));
      visit(sourceFile, (call) => {
        const callee = call.expression;
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'record') return;
        if (!callee.expression.getText(sourceFile).endsWith('outbox')) return;
        const where = `apps/${app}/src/${file}:${sourceFile.getLineAndCharacterOfPosition(call.getStart()).line + 1}`;
        const [payload] = call.typeArguments ?? [];
        const event = call.arguments[1];
        const type =
          event && ts.isObjectLiteralExpression(event)
            ? event.properties.find(
                (property): property is ts.PropertyAssignment =>
                  ts.isPropertyAssignment(property) && property.name.getText(sourceFile) === 'type',
              )?.initializer
            : undefined;
        // Without these the test could not tell which event is recorded, so it must not guess.
        if (!payload || !type || !ts.isStringLiteral(type)) {
          throw new Error(
            `${where}: record events as outbox.record<Payload>(em, { type: 'EVENT', ... })`,
          );
        }
        events.push({ type: type.text, producer: app, payload: payload.getText(sourceFile) });
      });
    }
  }
  return events;
}

/** The payload interface names of `EventPayloads`, which exists only as a type. */
function cataloguedPayloads(): Map<string, string> {
  const sourceFile = parse(path.join(ROOT, 'libs/contracts/src/events/event-catalogue.ts'));
  const payloads = sourceFile.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === 'EventPayloads',
  );
  if (!payloads) throw new Error('event-catalogue.ts declares no EventPayloads interface');
  return new Map(
    payloads.members
      .filter((member) => ts.isPropertySignature(member))
      .map((member) => [member.name.getText(sourceFile), member.type!.getText(sourceFile)]),
  );
}

const byType = (a: ProducedEvent, b: ProducedEvent) => a.type.localeCompare(b.type);

describe('the event catalogue', () => {
  it('names only event types that EVENT_TYPES declares', () => {
    expect(EVENT_TYPES).toEqual(expect.arrayContaining(Object.keys(EVENT_CATALOGUE)));
  });

  it('lists exactly the events the apps record, each with its producing app and payload interface', () => {
    const payloads = cataloguedPayloads();
    const catalogued = (Object.keys(EVENT_CATALOGUE) as CataloguedEventType[]).map((type) => ({
      type,
      producer: EVENT_CATALOGUE[type].producer,
      payload: payloads.get(type),
    }));
    const recorded = [
      ...new Map(recordedEvents().map((event) => [JSON.stringify(event), event])).values(),
    ];

    expect(recorded.sort(byType)).toEqual(catalogued.sort(byType));
  });

  it('is what the committed docs/asyncapi.yaml documents', () => {
    const check = spawnSync(
      path.join(ROOT, 'node_modules/.bin/node'),
      ['scripts/asyncapi.mjs', '--check'],
      { cwd: ROOT, encoding: 'utf8' },
    );

    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
