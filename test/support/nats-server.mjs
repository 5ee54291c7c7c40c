/**
 * A private nats-server with JetStream for one test file: a free port, a store of its own, the
 * run's authorization configuration (global-setup.mjs writes it). Test files running at the same
 * time must not share one: an app of one file would answer another file's bus requests and pull
 * its events.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { canConnect, freePort } from '../../scripts/lib/local-infra.mjs';

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5000;

export async function startNatsServer(binary, configFile) {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tradematch-test-nats-'));
  const port = await freePort();
  const logFile = path.join(directory, 'nats-server.log');
  const args = ['-c', configFile, '-a', '127.0.0.1', '-p', String(port), '-js'];
  args.push('-sd', directory, '-l', logFile);
  // The passwords reach the server as the variables the configuration names, as in production.
  // A configuration it refuses is said on stderr, before any log file exists.
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
  // If the test process dies without stopping it, don't leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await canConnect('127.0.0.1', port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      const log = await readFile(logFile, 'utf8').catch(() => stderr || '(no log written)');
      child.kill('SIGKILL');
      await rm(directory, { recursive: true, force: true });
      throw new Error(`nats-server did not start on 127.0.0.1:${port}. Its log:\n${log}`);
    }
    await sleep(20);
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(killer);
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
