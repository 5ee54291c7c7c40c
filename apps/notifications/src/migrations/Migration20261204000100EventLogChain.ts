import { Migration } from '@mikro-orm/migrations';
import { entryHash } from '../event-log/entry-hash.js';
import { chainedEntryOf, trailRowOf, type TrailRow } from '../event-log/trail-row.js';

/** Rows hashed per statement while the existing trail is chained. */
const BATCH_SIZE = 500;

/**
 * Hash-chains the audit trail per job: each entry stores its place in its job's chain, the
 * previous entry's hash and its own. The entries already recorded are chained here in event id order
 * (the order they happened in: ids are UUIDv7), with the immutability trigger lifted for this transaction only.
 */
export class Migration20261204000100EventLogChain extends Migration {
  override async up(): Promise<void> {
    // The migrator sets the schema for the queries up() queues, not for those it runs itself.
    await this.execute('set local search_path to notifications');
    await this.execute(`
      alter table event_log
        add column sequence integer null,
        add column prev_hash text null,
        add column hash text null;`);
    await this.execute('alter table event_log disable trigger event_log_immutable');
    const tips = new Map<string | null, { sequence: number; hash: string }>();
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await this.execute(
        'select * from event_log where event_id > ? order by event_id limit ?',
        [after, BATCH_SIZE],
      )) as TrailRow[];
      for (const row of rows.map(trailRowOf)) {
        const tip = row.job_id === null ? undefined : tips.get(row.job_id);
        const sequence = row.job_id === null ? null : (tip?.sequence ?? 0) + 1;
        const prevHash = tip?.hash ?? null;
        const hash = entryHash({ ...chainedEntryOf(row), sequence, prevHash });
        await this.execute(
          'update event_log set sequence = ?, prev_hash = ?, hash = ? where event_id = ?',
          [sequence, prevHash, hash, row.event_id],
        );
        if (row.job_id !== null && sequence !== null) tips.set(row.job_id, { sequence, hash });
      }
      if (rows.length < BATCH_SIZE) break;
      after = rows[rows.length - 1].event_id;
    }
    await this.execute('alter table event_log enable trigger event_log_immutable');
    await this.execute('alter table event_log alter column hash set not null');
    await this.execute(`
      alter table event_log add constraint event_log_chained check (
        (job_id is null) = (sequence is null)
        and (sequence is null or sequence >= 1)
        and ((sequence is null or sequence = 1) = (prev_hash is null)));`);
    await this.execute(
      'create unique index event_log_job_id_sequence_index on event_log (job_id, sequence)',
    );
  }
}
