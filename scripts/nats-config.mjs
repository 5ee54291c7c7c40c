/**
 * `npm run nats:config`: writes k8s/nats/tradematch-auth.conf, the NATS server's users and
 * their permissions, from libs/contracts (through the built dist/, which the npm script builds
 * first). A unit test (libs/platform/src/nats/nats-permissions.spec.ts) fails while the
 * committed file is out of date.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { natsAuthorizationConfig } from '../dist/libs/platform/src/nats/nats-permissions.js';

const ROOT = path.resolve(import.meta.dirname, '..');
export const NATS_AUTH_FILE = 'k8s/nats/tradematch-auth.conf';

await writeFile(path.join(ROOT, NATS_AUTH_FILE), natsAuthorizationConfig());
console.log(`wrote ${NATS_AUTH_FILE}`);
