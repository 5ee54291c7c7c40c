/**
 * `npm run events:redrive -- --consumer <durable> [--event <event id>] [--list]`
 *
 * Lists a durable consumer's dead letters (`--list`), or re-drives them once their cause is
 * fixed: the running service applies each one through the consumer's own handler and removes
 * those that now succeed. It connects to NATS as the service that runs the consumer (the same
 * NATS_URL and credentials as that app), since only that service may ask. Under `npm start`,
 * whose nats-server has passwords made for the run, it reads them from
 * .data/nats/app-passwords.env; what the environment sets wins.
 */
import { EVENT_CONSUMERS, deadLetterAdminSubject, type EventConsumerName } from '#contracts';
import { connect } from '@nats-io/transport-node';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadPlatformConfig } from '../config/platform-config.js';
import { natsConnectionOptions } from '../nats/nats-connection.js';
import {
  DEAD_LETTER_PAGE,
  type DeadLetterListReply,
  type DeadLetterRequest,
  type RedriveReply,
} from './dead-letters.js';

const REQUEST_TIMEOUT_MS = 120_000;
const NPM_START_PASSWORDS = '.data/nats/app-passwords.env';
const print = (line: string) => process.stdout.write(`${line}\n`);

const { values } = parseArgs({
  options: {
    consumer: { type: 'string' },
    event: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});
const consumer = values.consumer;
if (!consumer || !Object.hasOwn(EVENT_CONSUMERS, consumer)) {
  console.error(
    `Usage: npm run events:redrive -- --consumer <name> [--event <id>] [--list]\n` +
      `Consumers: ${Object.keys(EVENT_CONSUMERS).join(', ')}`,
  );
  process.exit(2);
}
const service = EVENT_CONSUMERS[consumer as EventConsumerName];
if (existsSync(NPM_START_PASSWORDS)) process.loadEnvFile(NPM_START_PASSWORDS);
const connection = await connect(natsConnectionOptions(loadPlatformConfig(service), 'redrive-cli'));
const request: DeadLetterRequest = values.event ? { event_id: values.event } : {};
const ask = async <T>(command: 'list' | 'redrive'): Promise<T> => {
  const reply = await connection.request(
    deadLetterAdminSubject(consumer, command),
    JSON.stringify(request),
    { timeout: REQUEST_TIMEOUT_MS },
  );
  const answer = reply.json<T & { error?: string }>();
  if (answer.error) throw new Error(`${service} answered: ${answer.error}`);
  return answer;
};

let failed = 0;
try {
  if (values.list) {
    const { dead_letters: deadLetters } = await ask<DeadLetterListReply>('list');
    for (const letter of deadLetters) print(JSON.stringify(letter));
    print(`${deadLetters.length} dead letter(s) of ${consumer}`);
  } else {
    let redriven = 0;
    // Each answer covers a page; what failed again stays, so stop when a page brings nothing new.
    for (;;) {
      const reply = await ask<RedriveReply>('redrive');
      redriven += reply.redriven.length;
      for (const failure of reply.failed) console.error(`failed: ${JSON.stringify(failure)}`);
      failed = reply.failed.length;
      if (reply.redriven.length === 0 || reply.redriven.length + failed < DEAD_LETTER_PAGE) break;
    }
    print(`${redriven} re-driven, ${failed} still failing (${consumer})`);
  }
} finally {
  await connection.close();
}
process.exit(failed > 0 ? 1 : 0);
