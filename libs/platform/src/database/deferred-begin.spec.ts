import pg from 'pg';
import { deferBegin } from './deferred-begin.js';

describe('deferBegin (real Postgres)', () => {
  let client: pg.Client;
  /** What reached the connection, in order. */
  let sent: string[];

  beforeEach(async () => {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query('create temporary table ledger_spec (id int primary key)');
    const send = client.query.bind(client);
    sent = [];
    Object.assign(client, {
      query: (text: string, values?: unknown[]) => {
        sent.push(text);
        return send(text, values);
      },
    });
    deferBegin(client as pg.PoolClient);
  });

  afterEach(() => client.end());

  const rows = async () =>
    (await client.query<{ id: number }>('select id from ledger_spec order by id')).rows.map(
      (row) => row.id,
    );

  it('sends begin with the first statement, and commits what it did', async () => {
    await client.query('begin');
    const inserted = await client.query('insert into ledger_spec values (1) returning id');
    await client.query('insert into ledger_spec values (2)');
    await client.query('commit');
    expect(inserted.rows).toEqual([{ id: 1 }]);
    expect(sent).toEqual([
      'begin;\ninsert into ledger_spec values (1) returning id',
      'insert into ledger_spec values (2)',
      'commit',
    ]);
    expect(await rows()).toEqual([1, 2]);
  });

  it('rolls back what the transaction did, the first statement included', async () => {
    await client.query('begin');
    await client.query('insert into ledger_spec values (1)');
    await client.query('rollback');
    expect(await rows()).toEqual([]);
  });

  it('fails the first statement as it would have failed, and the rollback after it leaves nothing', async () => {
    await client.query('insert into ledger_spec values (1)');
    await client.query('begin');
    await expect(client.query('insert into ledger_spec values (1)')).rejects.toMatchObject({
      code: '23505',
    });
    await client.query('rollback');
    await client.query('begin');
    await client.query('insert into ledger_spec values (2)');
    await client.query('commit');
    expect(await rows()).toEqual([1, 2]);
  });

  it('sends nothing for a transaction that runs no statement', async () => {
    await client.query('begin');
    await client.query('commit');
    await client.query('begin');
    await client.query('rollback');
    expect(sent).toEqual([]);
  });

  it('queues begin before a statement with parameters, which cannot share its message', async () => {
    await client.query('begin');
    await client.query('insert into ledger_spec values ($1)', [7]);
    await client.query('rollback');
    expect(sent).toEqual(['begin', 'insert into ledger_spec values ($1)', 'rollback']);
    expect(await rows()).toEqual([]);
  });

  it('runs statements outside a transaction as they are', async () => {
    await client.query('insert into ledger_spec values (3)');
    expect(sent).toEqual(['insert into ledger_spec values (3)']);
    expect(await rows()).toEqual([3]);
  });
});
