import type { TestRunner } from '@sluice/engine';
import { freePort } from '@sluice/services';
import { describe, expect, it } from 'vitest';
import {
  POSTGRES_JDBC_URL,
  POSTGRES_URL,
  putDatabaseRecordRunner,
  testDatabase,
  uniqueName,
} from '../../test/support/postgres-fixtures.js';
import { closedAfterEach } from '../../test/support/runners.js';
import { DatabaseAccessError, type DBCPService } from './dbcp-connection-pool.js';

const db = testDatabase();
const track = closedAfterEach();
const PASSWORD = 'pw-Secret-4711';

/** Enables a pool (through a runner, as the engine does) and returns it with its runner. */
async function enabled(
  properties: Record<string, string> = {},
): Promise<{ runner: TestRunner; pool: DBCPService }> {
  const runner = track(await putDatabaseRecordRunner({ tableName: 'unused' }, properties));
  const pool = runner.engine.controllerServices.get('db')!.instance() as DBCPService;
  return { runner, pool };
}

async function failure(promise: Promise<unknown>): Promise<DatabaseAccessError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DatabaseAccessError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

/** Why enabling the pool fails. */
async function enableProblem(properties: Record<string, string>): Promise<string> {
  try {
    await enabled(properties);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the service was enabled');
}

describe('DBCPConnectionPool', () => {
  it("connects with NiFi's jdbc:postgresql URL and with a postgresql:// URL", async () => {
    const jdbc = await enabled();
    const libpq = await enabled({ databaseConnectionUrl: POSTGRES_URL, databaseUser: '' });

    const [row] = (await jdbc.pool.query('SELECT current_database() AS db, $1::int + 1 AS n', [41]))
      .rows;
    expect(row).toEqual({ db: 'test', n: 42 });
    expect((await libpq.pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(jdbc.pool.url).toBe(POSTGRES_JDBC_URL);
    expect(libpq.pool.url).toBe(POSTGRES_JDBC_URL);
  });

  it('commits a transaction that resolves, and rolls back every statement of one that throws', async () => {
    const table = await db.table('CREATE TABLE {table} (v int)');
    const { pool } = await enabled();

    await pool.transaction(async (c) => {
      await c.query(`INSERT INTO "${table}" VALUES ($1)`, [1]);
    });
    await expect(
      pool.transaction(async (c) => {
        await c.query(`INSERT INTO "${table}" VALUES ($1)`, [2]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const statement = await failure(
      pool.transaction(async (c) => {
        await c.query(`INSERT INTO "${table}" VALUES ($1)`, [3]);
        await c.query(`INSERT INTO "${table}" VALUES ($1)`, ['three']);
      }),
    );

    expect(await db.sql(`SELECT v FROM "${table}" ORDER BY v`)).toEqual([{ v: 1 }]);
    expect(statement.kind).toBe('statement');
    expect(statement.message).toBe(
      'invalid input syntax for type integer: "three" (SQLSTATE 22P02)',
    );
  });

  it('keeps serving after a statement error: the connection goes back to the pool clean', async () => {
    const { pool } = await enabled({ maxTotalConnections: '1' });

    const error = await failure(pool.query('SELECT * FROM no_such_table_here'));

    expect(error.kind).toBe('statement');
    expect(error.sqlState).toBe('42P01');
    expect((await pool.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });

  it('names the URL and the cause when the database does not exist, or the user is unknown', async () => {
    const database = uniqueName('nodb');
    const url = POSTGRES_JDBC_URL.replace(/\/test$/, `/${database}`);
    const unknownDatabase = await enabled({ databaseConnectionUrl: url, password: PASSWORD });
    const unknownUser = await enabled({ databaseUser: 'nobody_here', password: PASSWORD });

    const noDatabase = await failure(unknownDatabase.pool.query('SELECT 1'));
    const noUser = await failure(unknownUser.pool.query('SELECT 1'));

    expect(noDatabase.kind).toBe('connection');
    expect(noDatabase.message).toBe(
      `Cannot connect to ${url} as user 'postgres': database "${database}" does not exist (SQLSTATE 3D000)`,
    );
    expect(noUser.message).toBe(
      `Cannot connect to ${POSTGRES_JDBC_URL} as user 'nobody_here': role "nobody_here" does not exist (SQLSTATE 28000)`,
    );
    expect(`${noDatabase.message} ${noUser.message}`).not.toContain(PASSWORD);
  });

  it('names the URL and the refused connection when nothing listens there, without the password', async () => {
    const port = await freePort();
    const url = `jdbc:postgresql://127.0.0.1:${port}/test`;
    const { pool } = await enabled({ databaseConnectionUrl: url, password: PASSWORD });

    const error = await failure(pool.transaction(async () => 'never'));

    expect(error.kind).toBe('connection');
    expect(error.message).toBe(
      `Cannot connect to ${url} as user 'postgres': the connection was refused (is PostgreSQL running and listening there?) (ECONNREFUSED)`,
    );
  });

  it('waits at most Max Wait Time for a free connection', async () => {
    const { pool } = await enabled({ maxTotalConnections: '1', maxWaitTime: '200 ms' });
    let release!: () => void;
    const held = pool.transaction(() => new Promise<void>((resolve) => (release = resolve)));

    const started = Date.now();
    const error = await failure(pool.query('SELECT 1'));
    release();
    await held;

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.message).toContain(
      'no connection within the Max Wait Time (200 ms): the server did not answer in time, or every connection of the pool is in use',
    );
  });

  it('checks connections with the Validation query, and says when it fails', async () => {
    const good = await enabled({ validationQuery: 'SELECT 1' });
    const bad = await enabled({ validationQuery: 'SELECT * FROM no_such_validation_table' });

    expect((await good.pool.query('SELECT 3 AS three')).rows).toEqual([{ three: 3 }]);
    const error = await failure(bad.pool.query('SELECT 3'));
    expect(error.kind).toBe('connection');
    expect(error.message).toBe(
      `The Validation query failed on a connection to ${POSTGRES_JDBC_URL}: relation "no_such_validation_table" does not exist (SQLSTATE 42P01)`,
    );
  });

  it('refuses a URL holding a password, without repeating it, and a URL of another database', async () => {
    const withPassword = await enableProblem({
      databaseConnectionUrl: `postgresql://postgres:${PASSWORD}@127.0.0.1:5432/test`,
    });
    const mysql = await enableProblem({
      databaseConnectionUrl: 'jdbc:mysql://127.0.0.1:3306/test',
    });

    expect(withPassword).toContain(
      'holds a password: set it in the Password property instead, which is never shown or stored in clear text',
    );
    expect(withPassword).not.toContain(PASSWORD);
    expect(mysql).toContain(
      'is a jdbc:mysql URL: this DBCPConnectionPool connects to PostgreSQL only',
    );
  });

  it('closes every connection when disabled', async () => {
    const application = uniqueName('sluice_pool');
    const url = `${POSTGRES_JDBC_URL}?ApplicationName=${application}`;
    const { runner, pool } = await enabled({ databaseConnectionUrl: url });
    await Promise.all([1, 2, 3].map(() => pool.query('SELECT pg_sleep(0.05)')));
    const connections = async () =>
      Number(
        (
          await db.sql('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [
            application,
          ])
        )[0]?.['n'],
      );
    expect(await connections()).toBe(3);

    await runner.close();

    // The server ends a backend a moment after its client has gone.
    const deadline = Date.now() + 5_000;
    while ((await connections()) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await connections()).toBe(0);
  });
});
