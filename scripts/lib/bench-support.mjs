/**
 * What the bench's load phases share: latency summaries, open- and closed-loop load, HTTP against
 * the gateway, registering and funding users, and the ledger's invariants in SQL.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export const REQUEST_TIMEOUT_MS = 10_000;
const FUNDING_TIMEOUT_MS = 60_000;

export function log(message) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

export function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  return error.message || error.code || error.name;
}

export function round(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return null;
  const factor = 10 ** digits;
  return Math.round(Number(value) * factor) / factor;
}

export function summarize(values) {
  if (values.length === 0) return { count: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    count: sorted.length,
    mean: round(mean),
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: round(sorted[sorted.length - 1]),
  };
}

export function printTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  for (const cells of rows) {
    console.log(
      cells
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  '),
    );
  }
}

/**
 * A connection that dies while idle (the database dropped under it on Ctrl-C) must not crash the
 * bench before it has cleaned up; the next query on it fails and says why.
 */
export function ignoreIdleErrors(clientOrPool) {
  clientOrPool.on('error', () => {});
  return clientOrPool;
}

export async function timedSequence(count, operation) {
  const latencies = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await operation();
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - start) / 1000;
  return { count, perSecond: round(count / seconds), latencyMs: summarize(latencies) };
}

/**
 * `concurrency` workers, each running `operation` back to back until the time is up or
 * `hasWork()` says there is nothing left; each worker passes its index (0 to concurrency - 1) to
 * `operation`.
 */
export async function closedLoop(concurrency, seconds, operation, { hasWork = () => true } = {}) {
  const latencies = [];
  let errors = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const worker = async (_, index) => {
    while (performance.now() < deadline && hasWork()) {
      const t = performance.now();
      try {
        await operation(index);
        latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  return {
    concurrency,
    seconds: round(elapsed),
    completed: latencies.length,
    errors,
    perSecond: round(latencies.length / elapsed),
    latencyMs: summarize(latencies),
  };
}

/**
 * Open loop: operation i is due at start + i / rate, whether or not earlier ones have answered,
 * and its latency counts from when it was due, so a stalled server cannot hide its stall
 * (no coordinated omission). `operation(i)` answers an HTTP response ({ status, body }).
 */
export async function pacedLoop(rate, total, operation) {
  const intervalMs = 1000 / rate;
  const latencies = [];
  const statusCounts = {};
  const failureSamples = [];
  let errors = 0;
  let maxSendLagMs = 0;
  const windowStart = new Date();
  const start = performance.now();
  const pending = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    pending.push(
      operation(i).then(
        (response) => {
          latencies.push(performance.now() - due);
          statusCounts[response.status] = (statusCounts[response.status] ?? 0) + 1;
          if (response.status >= 300 && failureSamples.length < 5) {
            failureSamples.push(`${response.status} ${response.body.slice(0, 300)}`);
          }
        },
        (error) => {
          errors++;
          if (failureSamples.length < 5) failureSamples.push(describeError(error));
        },
      ),
    );
  }
  const sentSeconds = (performance.now() - start) / 1000;
  await Promise.all(pending);
  const elapsedSeconds = (performance.now() - start) / 1000;
  const status2xx = count2xx(statusCounts);
  return {
    tool: 'paced open loop (node:http, keep-alive)',
    targetRate: rate,
    requests: total,
    achievedSendRate: round(total / sentSeconds),
    maxSendLagMs: round(maxSendLagMs),
    elapsedSeconds: round(elapsedSeconds),
    status2xx,
    non2xx: latencies.length - status2xx,
    errors,
    statusCounts,
    failureSamples,
    latencyMs: summarize(latencies),
    window: { from: windowStart.toISOString(), to: new Date().toISOString() },
  };
}

/** Runs `work(index)` for index 0 to count - 1, at most `limit` at a time; answers the results. */
export async function forEachLimited(count, limit, work) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

export function count2xx(statusCounts) {
  return Object.entries(statusCounts)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
}

export function httpJson(agent, port, method, requestPath, body, headers = {}) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: requestPath,
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
          ...headers,
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('request timed out')));
    request.on('error', reject);
    request.end(payload);
  });
}

export async function registerAndLogin(port, role) {
  const agent = new http.Agent({ keepAlive: true });
  const credentials = {
    email: `bench-${role}-${randomBytes(6).toString('hex')}@example.com`,
    password: randomBytes(12).toString('hex'),
  };
  try {
    const registered = await httpJson(agent, port, 'POST', '/api/auth/register', {
      ...credentials,
      name: role === 'vendor' ? 'Bench Vendor' : 'Bench Customer',
      phone: '07911 123456',
      role,
    });
    if (registered.status !== 201) {
      throw new Error(`register answered ${registered.status}: ${registered.body}`);
    }
    const login = await httpJson(agent, port, 'POST', '/api/auth/login', credentials);
    if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.body}`);
    return { id: JSON.parse(registered.body).id, token: JSON.parse(login.body).access_token };
  } finally {
    agent.destroy();
  }
}

/** Throws, with what the server said, unless `response` has `status`. */
export function expectStatus(what, response, status) {
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}: ${response.body.slice(0, 300)}`);
  }
}

/** Gives each of `vendors` a profile of `trade`, based at `postcode`, covering `serviceArea`. */
export async function putVendorProfiles(
  port,
  vendors,
  { businessName, trade, postcode, serviceArea },
) {
  const agent = new http.Agent({ keepAlive: true });
  try {
    for (const vendor of vendors) {
      const profile = await httpJson(
        agent,
        port,
        'PUT',
        '/api/connection/vendor-profile',
        {
          business_name: businessName,
          trade_categories: [trade],
          phone: '07911 123456',
          postcode,
          service_areas: [serviceArea],
          service_radius_miles: 10,
        },
        { authorization: `Bearer ${vendor.token}` },
      );
      expectStatus('vendor profile', profile, 200);
    }
  } finally {
    agent.destroy();
  }
}

/** `count` users of `role`, registered and logged in: [{ id, token }]. */
export function registerUsers(port, role, count) {
  // Argon2 makes register and login slow and CPU-heavy: a few at a time.
  return forEachLimited(count, 4, () => registerAndLogin(port, role));
}

/**
 * Registers and logs in `count` users of `role` (vendors unless told), deposits `depositPounds`
 * into each wallet `depositsFor(index)` times, and waits until every deposit has settled.
 */
export async function fundUsers(
  port,
  { role = 'vendor', count, depositPounds, depositsFor = () => 1 },
) {
  const users = await registerUsers(port, role, count);
  const agent = new http.Agent({ keepAlive: true });
  try {
    await forEachLimited(users.length, 8, async (index) => {
      const user = users[index];
      const authorization = { authorization: `Bearer ${user.token}` };
      const deposits = depositsFor(index);
      for (let i = 0; i < deposits; i++) {
        const opened = await httpJson(
          agent,
          port,
          'POST',
          '/api/connection/wallet/deposits',
          { amount: depositPounds },
          authorization,
        );
        if (opened.status !== 201) {
          throw new Error(`deposit answered ${opened.status}: ${opened.body}`);
        }
      }
      user.funded = deposits * depositPounds;
      // The test provider settles the deposit about 300 ms later, by webhook to the gateway.
      const deadline = performance.now() + FUNDING_TIMEOUT_MS;
      for (;;) {
        const wallet = await httpJson(
          agent,
          port,
          'GET',
          '/api/connection/wallet',
          undefined,
          authorization,
        );
        if (wallet.status !== 200) {
          throw new Error(`wallet answered ${wallet.status}: ${wallet.body}`);
        }
        if (JSON.parse(wallet.body).balance >= user.funded) return;
        if (performance.now() > deadline) {
          throw new Error(
            `a ${role}'s deposit was not credited within ${FUNDING_TIMEOUT_MS / 1000}s: ` +
              'did the payment webhook reach the gateway?',
          );
        }
        await sleep(100);
      }
    });
  } finally {
    agent.destroy();
  }
  return users;
}

/**
 * The ledger's invariants, checked in SQL: every transaction has entries and they sum to zero, no
 * account but the provider clearing account is below zero, and every balance equals the sum of
 * its entries.
 */
export async function checkLedgerInvariants(db) {
  const { rows } = await db.query(`
    with per_transaction as (
      select t.id, count(e.id) as entries, coalesce(sum(e.amount_pence), 0) as total
      from escrow.ledger_transaction t
      left join escrow.ledger_entry e on e.transaction_id = t.id
      group by t.id),
    per_account as (
      select a.id, a.balance_pence, coalesce(sum(e.amount_pence), 0) as entries
      from escrow.account a
      left join escrow.ledger_entry e on e.account_id = a.id
      group by a.id)
    select (select count(*) from per_transaction)::int as transactions,
           (select count(*) from escrow.ledger_entry)::int as entries,
           (select count(*) from per_transaction where total <> 0)::int as unbalanced_transactions,
           (select count(*) from per_transaction where entries = 0)::int as empty_transactions,
           (select coalesce(sum(amount_pence), 0) from escrow.ledger_entry)::text as ledger_sum_pence,
           (select count(*) from escrow.account
             where kind <> 'provider_clearing' and balance_pence < 0)::int as negative_accounts,
           (select count(*) from per_account where balance_pence <> entries)::int as drifted_accounts`);
  const check = rows[0];
  return {
    ...check,
    ok:
      check.unbalanced_transactions === 0 &&
      check.empty_transactions === 0 &&
      check.ledger_sum_pence === '0' &&
      check.negative_accounts === 0 &&
      check.drifted_accounts === 0,
  };
}
