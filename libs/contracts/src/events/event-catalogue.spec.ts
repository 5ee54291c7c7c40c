import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SERVICE_NAMES } from '../services.js';
import { EVENT_CATALOGUE, EVENT_TYPES, isEventType } from './event-catalogue.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

// Which events exist, who records them and with which payload is checked by the compiler: the
// outbox and the consumers take an event type and infer its payload from the services' modules.
describe('the event catalogue', () => {
  it('names a known service as the producer of every event type', () => {
    for (const type of EVENT_TYPES) {
      expect(SERVICE_NAMES).toContain(EVENT_CATALOGUE[type].producer);
    }
  });

  it('tells event types from other strings', () => {
    expect(isEventType('JOB_CREATED')).toBe(true);
    expect(isEventType('toString')).toBe(false);
    expect(isEventType('JOB_MADE_UP')).toBe(false);
  });

  it('is what the committed docs/asyncapi.yaml and docs/events.md document', () => {
    const check = spawnSync(
      path.join(ROOT, 'node_modules/.bin/node'),
      ['scripts/contract-docs.mjs', '--check'],
      { cwd: ROOT, encoding: 'utf8' },
    );

    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
