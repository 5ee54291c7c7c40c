import type { ServiceName } from '#contracts';
import { servicePasswordVariable } from '#platform';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = 30_000;
const LOG_LINES_KEPT = 200;

/**
 * One app as a real process, started from dist/ (npm test builds first), so that a test can
 * pause it (SIGSTOP), resume it, kill it without warning (SIGKILL) or stop it (SIGTERM).
 */
export class AppProcess {
  private child?: ChildProcess;
  private readonly log: string[] = [];

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts (or starts again) the app, with `env` added to the system's for this run of it. */
  async start(env: Record<string, string> = {}): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return;
    const entry = path.join(ROOT, 'dist', 'apps', this.name, 'src', 'main.js');
    const portVariable = this.name === 'gateway' ? 'PORT' : 'HEALTH_PORT';
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: {
        ...ownNatsCredentials(this.name, this.env),
        ...env,
        [portVariable]: String(this.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8').on('data', (text: string) => this.keep(text));
    }
    this.child = child;
    await this.waitUntilReady();
  }

  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Dies at once, as in a crash or an OOM kill: nothing in flight is finished. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** A graceful shutdown, as Kubernetes asks for one. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** The app's recent log lines, for a failing test's message. */
  recentLog(): string {
    return this.log.join('');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGCONT');
    child.kill(signal);
    await exited;
  }

  private keep(text: string): void {
    this.log.push(text);
    if (this.log.length > LOG_LINES_KEPT) this.log.splice(0, this.log.length - LOG_LINES_KEPT);
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const child = this.child!;
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.name} exited while starting:\n${this.recentLog()}`);
      }
      const ready = await fetch(`${this.url}/health/ready`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not ready:\n${this.recentLog()}`);
      await sleep(100);
    }
  }
}

/** The whole system as five processes, on the test run's database and NATS server. */
export class ProcessSystem {
  readonly db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });

  private constructor(private readonly apps: Map<ServiceName, AppProcess>) {}

  static async start(env: Record<string, string> = {}): Promise<ProcessSystem> {
    const names: ServiceName[] = ['gateway', 'jobs-leads', 'messaging', 'escrow', 'notifications'];
    const ports = await Promise.all(names.map(() => freePort()));
    const gatewayUrl = `http://127.0.0.1:${ports[0]}`;
    const shared = {
      ...process.env,
      LOG_LEVEL: 'warn',
      PAYMENTS_WEBHOOK_URL: `${gatewayUrl}/api/webhooks/payments`,
      ...env,
    };
    const apps = new Map(
      names.map((name, index) => [name, new AppProcess(name, ports[index], shared)]),
    );
    const system = new ProcessSystem(apps);
    try {
      await Promise.all([...apps.values()].map((app) => app.start()));
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  get baseUrl(): string {
    return this.app('gateway').url;
  }

  app(name: ServiceName): AppProcess {
    return this.apps.get(name)!;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apps.values()].map((app) => app.stop()));
    await this.db.end();
  }
}

/**
 * The environment with this app's NATS password alone, as NATS_USER and NATS_PASSWORD: a real
 * process of one app never holds another's (global-setup.mjs exports them all).
 */
function ownNatsCredentials(name: ServiceName, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const own = env[servicePasswordVariable(name)];
  const others = Object.fromEntries(
    Object.entries(env).filter(
      ([variable]) =>
        !variable.startsWith('NATS_PASSWORD_') && variable !== 'TEST_NATS_FIXTURES_PASSWORD',
    ),
  );
  return own ? { ...others, NATS_USER: name, NATS_PASSWORD: own } : others;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}
