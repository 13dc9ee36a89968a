import type { TestRunner } from '@sluice/engine';
import { freePort } from '@sluice/services';
import { describe, expect, it } from 'vitest';
import {
  POSTGRES_JDBC_URL,
  POSTGRES_URL,
  putDatabaseRecordRunner,
  testDatabase,
  uniqueName,
} from '../test/support/postgres-fixtures.js';
import { closedAfterEach } from '../test/support/runners.js';
import pg from 'pg';

const db = testDatabase();
const track = closedAfterEach();
const PASSWORD = 'pw-Secret-4711';

const EVENTS = `CREATE TABLE {table} (
  id integer PRIMARY KEY,
  user_name text NOT NULL,
  payload jsonb,
  happened_at timestamptz,
  big bigint,
  score numeric(6,2),
  logged_at timestamp,
  created timestamptz NOT NULL DEFAULT now()
)`;

async function runner(
  properties: Record<string, string>,
  pool: Record<string, string> = {},
): Promise<TestRunner> {
  return track(await putDatabaseRecordRunner(properties, pool));
}

const attributes = async (run: TestRunner, relationship: string) =>
  (await run.flowFiles(relationship)).map((f) => f.attributes);

describe('PutDatabaseRecord', () => {
  it('inserts an array of records: jsonb, timestamps, integers, text, and counts them', async () => {
    const table = await db.table(EVENTS);
    const run = await runner({ tableName: table });
    await run.enqueue(
      JSON.stringify([
        {
          id: 1,
          userName: '김민수',
          payload: { tags: ['a', 'b'], n: { deep: true } },
          happened_at: '2024-05-01T12:30:00+09:00',
          score: 12.5,
          // A zoned time for a timestamp without time zone: stored as UTC wall-clock time.
          loggedAt: '2024-05-01T12:30:00.123456+09:00',
        },
        {
          id: 2,
          user_name: 'it\'s "quoted"',
          payload: [1, 2],
          happened_at: 1714534200000,
          big: '9007199254740993',
          logged_at: 1714534200000,
        },
      ]).replace('"9007199254740993"', '9007199254740993'),
      { filename: 'events.json' },
    );

    await run.run();

    const [done] = await attributes(run, 'success');
    expect(done?.['putdatabaserecord.record.count']).toBe('2');
    expect(
      await db.sql(
        `SELECT id, user_name, payload, to_char(happened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS at, big::text, score::text, logged_at::text, created IS NOT NULL AS has_created FROM "${table}" ORDER BY id`,
      ),
    ).toEqual([
      {
        id: 1,
        user_name: '김민수',
        payload: { tags: ['a', 'b'], n: { deep: true } },
        at: '2024-05-01 03:30:00',
        big: null,
        score: '12.50',
        logged_at: '2024-05-01 03:30:00.123456',
        has_created: true,
      },
      {
        id: 2,
        user_name: 'it\'s "quoted"',
        payload: [1, 2],
        at: '2024-05-01 03:30:00',
        big: '9007199254740993',
        score: null,
        logged_at: '2024-05-01 03:30:00',
        has_created: true,
      },
    ]);
    expect(run.counter('INSERT updates performed')).toBe(2);
    // Two statements: the records write different columns (score, big).
    expect(run.counter('Batches Executed')).toBe(2);
  });

  it('records a SEND to the JDBC URL', async () => {
    const table = await db.table(EVENTS);
    const run = await runner({ tableName: table }, { password: PASSWORD });
    await run.enqueue('{"id":1,"user_name":"a"}');

    await run.run();

    const sends = (await run.provenanceEvents()).filter((e) => e.type === 'SEND');
    expect(sends.map((e) => e.transitUri)).toEqual([POSTGRES_JDBC_URL]);
    expect(sends[0]?.details).toBe(`1 records into public.${table}`);
  });

  it('reads one JSON object per line as records', async () => {
    const table = await db.table(EVENTS);
    const run = await runner({ tableName: table });
    await run.enqueue(
      '{"id":1,"user_name":"a"}\n{"id":2,"user_name":"b"}\n{"id":3,"user_name":"c"}\n',
    );

    await run.run();

    expect(await db.sql(`SELECT id FROM "${table}" ORDER BY id`)).toEqual([
      { id: 1 },
      { id: 2 },
      { id: 3 },
    ]);
  });

  it('upserts: updates existing rows by primary key, inserts new ones, the later of two records wins', async () => {
    const table = await db.table(EVENTS);
    await db.sql(
      `INSERT INTO "${table}" (id, user_name, score) VALUES (1, 'old', 1), (2, 'keep', 2)`,
    );
    const run = await runner({ tableName: table, statementType: 'UPSERT' });
    await run.enqueue(
      '[{"id":1,"user_name":"new","payload":{"v":1}},{"id":3,"user_name":"added"},{"id":1,"user_name":"newer"}]',
    );

    await run.run();

    expect(await attributes(run, 'success')).toHaveLength(1);
    expect(
      await db.sql(`SELECT id, user_name, payload, score::text FROM "${table}" ORDER BY id`),
    ).toEqual([
      { id: 1, user_name: 'newer', payload: { v: 1 }, score: '1.00' },
      { id: 2, user_name: 'keep', payload: null, score: '2.00' },
      { id: 3, user_name: 'added', payload: null, score: null },
    ]);
  });

  it('upserts on the Update Keys, and INSERT_IGNORE keeps what exists', async () => {
    const table = await db.table('CREATE TABLE {table} (code text UNIQUE, label text, hits int)');
    await db.sql(`INSERT INTO "${table}" VALUES ('a', 'first', 1)`);
    const upsert = await runner({ tableName: table, statementType: 'UPSERT', updateKeys: 'CODE' });
    const ignore = await runner({
      tableName: table,
      statementType: 'INSERT_IGNORE',
      updateKeys: 'code',
    });
    await upsert.enqueue('{"code":"a","hits":2}');
    await ignore.enqueue('[{"code":"a","label":"ignored"},{"code":"b","label":"second"}]');

    await upsert.run();
    await ignore.run();

    expect(await db.sql(`SELECT code, label, hits FROM "${table}" ORDER BY code`)).toEqual([
      { code: 'a', label: 'first', hits: 2 },
      { code: 'b', label: 'second', hits: null },
    ]);
  });

  it('rolls the whole flowfile back when a record has a wrong type: failure with the reason, nothing inserted', async () => {
    const table = await db.table(EVENTS);
    // Batch size 1: records 1 and 2 are sent before record 3 fails, so only the rollback undoes them.
    const run = await runner({ tableName: table, maxBatchSize: '1' });
    await run.enqueue(
      '[{"id":1,"user_name":"a"},{"id":2,"user_name":"b"},{"id":"three","user_name":"c"}]',
      { filename: 'bad.json' },
    );

    await run.run();

    const [failed] = await run.flowFiles('failure');
    expect(failed?.attributes['putdatabaserecord.error']).toBe(
      `record 3 field 'id' cannot be written to column 'id' (integer): "three" is not a whole number`,
    );
    expect(failed?.attributes['filename']).toBe('bad.json');
    expect(failed?.text).toContain('"three"');
    expect(await db.sql(`SELECT count(*)::int AS n FROM "${table}"`)).toEqual([{ n: 0 }]);
    expect(await run.flowFiles('success')).toEqual([]);
  });

  it('routes a constraint violation to failure with what PostgreSQL said, nothing of the flowfile kept', async () => {
    const table = await db.table(EVENTS);
    await db.sql(`INSERT INTO "${table}" (id, user_name) VALUES (2, 'existing')`);
    const run = await runner({ tableName: table });
    await run.enqueue('[{"id":1,"user_name":"a"},{"id":2,"user_name":"dup"}]');

    await run.run();

    const [failed] = await attributes(run, 'failure');
    expect(failed?.['putdatabaserecord.error']).toBe(
      `INSERT into public.${table} failed for records 1 to 2: duplicate key value violates unique constraint "${table}_pkey" (SQLSTATE 23505): Key (id)=(2) already exists.`,
    );
    expect(await db.sql(`SELECT id, user_name FROM "${table}"`)).toEqual([
      { id: 2, user_name: 'existing' },
    ]);
  });

  it('routes a record without a required column, and an unknown table, to failure', async () => {
    const table = await db.table(EVENTS);
    const run = await runner({ tableName: '${target}' });
    await run.enqueue('{"id":1}', { target: table });
    await run.enqueue('{"id":1,"user_name":"a"}', { target: 'no_such_table_at_all' });

    await run.run(2);

    expect((await attributes(run, 'failure')).map((a) => a['putdatabaserecord.error'])).toEqual([
      "record 1 has no value for the required column 'user_name' (NOT NULL without a default)",
      'Table no_such_table_at_all not found in the schemas of the search_path, ensure the Catalog, Schema, and/or Table Names match those in the database exactly',
    ]);
  });

  it('names the record and the line of malformed JSON', async () => {
    const table = await db.table(EVENTS);
    const run = await runner({ tableName: table });
    await run.enqueue('{"id":1,"user_name":"a"}\n{"id":2,"user_name":"b",}\n');

    await run.run();

    expect((await attributes(run, 'failure'))[0]?.['putdatabaserecord.error']).toBe(
      "record 2 is not valid JSON: expected a property name after ',' (property names are in double quotes), found '}' (at line 2, column 25)",
    );
    expect(await db.sql(`SELECT count(*)::int AS n FROM "${table}"`)).toEqual([{ n: 0 }]);
  });

  it('sends a flowfile to retry, penalized and intact, when the database cannot be reached; the password appears nowhere', async () => {
    const port = await freePort();
    const url = `jdbc:postgresql://127.0.0.1:${port}/test`;
    const run = await runner(
      { tableName: 'events' },
      { databaseConnectionUrl: url, password: PASSWORD },
    );
    const content = '[{"id":1,"user_name":"a"}]';
    await run.enqueue(content, { filename: 'keep.json' });

    await run.run();

    const [retried] = await run.flowFiles('retry');
    expect(retried?.text).toBe(content);
    expect(retried?.flowFile.penalizedUntil).toBeGreaterThan(Date.now());
    expect(retried?.attributes['putdatabaserecord.error']).toBe(
      `Cannot connect to ${url} as user 'postgres': the connection was refused (is PostgreSQL running and listening there?) (ECONNREFUSED)`,
    );
    const bulletins = run.bulletins().map((b) => b.message);
    expect(bulletins).toHaveLength(1);
    expect(bulletins[0]).toContain(`Failed to put records to ${url}`);
    expect(JSON.stringify([retried?.attributes, bulletins])).not.toMatch(/pw-Secret|\*\*\*\*/);
    expect(await run.flowFiles('failure')).toEqual([]);
  });

  it('with Rollback On Failure, leaves the flowfile in the input queue when the database cannot be reached', async () => {
    const port = await freePort();
    const run = await runner(
      { tableName: 'events', rollbackOnFailure: 'true' },
      { databaseConnectionUrl: `jdbc:postgresql://127.0.0.1:${port}/test` },
    );
    await run.enqueue('[{"id":1,"user_name":"a"}]');

    await run.run();

    expect(run.inputQueueSize()).toBe(1);
    expect(await run.flowFiles('retry')).toEqual([]);
    expect(await run.flowFiles('failure')).toEqual([]);
    expect(run.bulletins()[0]?.message).toContain(
      'the session was rolled back and the flowfile stays in the input queue',
    );
  });

  it('sends a statement that runs past Max Wait Time to retry', async () => {
    const table = await db.table(EVENTS);
    const locker = new pg.Client({ connectionString: POSTGRES_URL });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
      const run = await runner({ tableName: table, maxWaitTime: '200 ms' });
      await run.enqueue('{"id":1,"user_name":"a"}');

      await run.run();

      const [retried] = await attributes(run, 'retry');
      expect(retried?.['putdatabaserecord.error']).toContain(
        'canceling statement due to statement timeout (SQLSTATE 57014)',
      );
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });

  it('updates by the primary key and deletes by the Delete Keys, or by statement.type', async () => {
    const table = await db.table(EVENTS);
    await db.sql(
      `INSERT INTO "${table}" (id, user_name, score) VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)`,
    );
    const update = await runner({ tableName: table, statementType: 'UPDATE' });
    const byAttribute = await runner({
      tableName: table,
      statementType: 'Use statement.type Attribute',
      deleteKeys: 'id',
    });
    await update.enqueue('[{"id":1,"score":10},{"id":2,"user_name":"B","score":null}]');
    await byAttribute.enqueue('{"id":3,"user_name":"ignored for the key"}', {
      'statement.type': 'delete',
    });
    await byAttribute.enqueue('{"id":1}');

    await update.run();
    await byAttribute.run(2);

    expect(await db.sql(`SELECT id, user_name, score::text FROM "${table}" ORDER BY id`)).toEqual([
      { id: 1, user_name: 'a', score: '10.00' },
      { id: 2, user_name: 'B', score: null },
    ]);
    expect(update.counter('UPDATE updates performed')).toBe(2);
    expect((await attributes(byAttribute, 'failure'))[0]?.['putdatabaserecord.error']).toBe(
      'No Statement Type specified: the statement.type attribute is missing or empty',
    );
  });

  it('refuses an UPDATE record without its key rather than updating every row', async () => {
    const table = await db.table(EVENTS);
    await db.sql(`INSERT INTO "${table}" (id, user_name) VALUES (1, 'a'), (2, 'b')`);
    const run = await runner({
      tableName: table,
      statementType: 'UPDATE',
      unmatchedColumnBehavior: 'Ignore Unmatched Columns',
    });
    await run.enqueue('{"user_name":"everyone"}');

    await run.run();

    expect((await attributes(run, 'failure'))[0]?.['putdatabaserecord.error']).toBe(
      "record 1 has no value for the key column 'id', so the row to update is unknown",
    );
    expect(await db.sql(`SELECT user_name FROM "${table}" ORDER BY id`)).toEqual([
      { user_name: 'a' },
      { user_name: 'b' },
    ]);
  });

  it('matches fields exactly without Translate Field Names, and can fail on unmatched fields', async () => {
    const table = await db.table(EVENTS);
    const exact = await runner({
      tableName: table,
      translateFieldNames: 'false',
      unmatchedFieldBehavior: 'Fail on Unmatched Fields',
    });
    await exact.enqueue('{"id":1,"userName":"a"}');

    await exact.run();

    expect((await attributes(exact, 'failure'))[0]?.['putdatabaserecord.error']).toBe(
      "record 1 field 'userName' does not map to any column of the table (columns: id, user_name, payload, happened_at, big, score, logged_at, created)",
    );
  });

  it('finds a table in a named schema, and a mixed-case table with Quote Table Identifiers', async () => {
    const schema = uniqueName('pdr_schema');
    db.dropAfter(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.sql(`CREATE SCHEMA "${schema}"`);
    await db.sql(`CREATE TABLE "${schema}"."Mixed Case" ("Id" int, "select" text)`);
    const quoted = await runner({
      schemaName: schema,
      tableName: 'Mixed Case',
      quoteTableIdentifiers: 'true',
      translateFieldNames: 'false',
    });
    const folded = await runner({ schemaName: schema, tableName: 'Mixed Case' });
    await quoted.enqueue('{"Id":1,"select":"reserved word"}');
    await folded.enqueue('{"Id":2}');

    await quoted.run();
    await folded.run();

    expect(await db.sql(`SELECT "Id", "select" FROM "${schema}"."Mixed Case"`)).toEqual([
      { Id: 1, select: 'reserved word' },
    ]);
    expect((await attributes(folded, 'failure'))[0]?.['putdatabaserecord.error']).toBe(
      `Table ${schema}.Mixed Case not found, ensure the Catalog, Schema, and/or Table Names match those in the database exactly (PostgreSQL reads unquoted names in lower case: looked for ${schema}.mixed case; set Quote Table Identifiers to use the name exactly)`,
    );
  });

  it('is invalid with UPSERT on the Generic database type', async () => {
    const run = await runner({ tableName: 't', statementType: 'UPSERT', databaseType: 'Generic' });

    expect(run.validationErrors()).toEqual(['statementType: Generic does not support UPSERT']);
  });
});
