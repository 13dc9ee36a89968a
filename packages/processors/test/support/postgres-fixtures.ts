import { randomUUID } from 'node:crypto';
import { TestRunner } from '@sluice/engine';
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { PutDatabaseRecord } from '../../src/put-database-record.js';
import { DBCPConnectionPool } from '../../src/services/dbcp-connection-pool.js';
import { JsonTreeReader } from '../../src/services/json-tree-reader.js';

/**
 * The PostgreSQL the tests use: the shared server on 127.0.0.1:5432 (trust authentication,
 * database `test`), or SLUICE_TEST_POSTGRES_URL. Not started by the suite's global setup.
 */
export const POSTGRES_URL =
  process.env['SLUICE_TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** The user of {@link POSTGRES_URL}. */
export const POSTGRES_USER = new URL(POSTGRES_URL).username || 'postgres';

/** The same server in NiFi's JDBC form (without the user), as a flow copied from NiFi names it. */
export const POSTGRES_JDBC_URL = POSTGRES_URL.replace(
  /^postgres(ql)?:\/\/([^@/]*@)?/,
  'jdbc:postgresql://',
);

/** A lower-case name no other test uses, for a table or schema. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/**
 * A direct connection for preparing and checking tables, and the tables (or schemas) to drop
 * after each test. Call once per test file, at module level.
 */
export function testDatabase(): {
  sql: (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;
  /** Creates a uniquely named table from `ddl`, whose `{table}` stands for its name; dropped after the test. */
  table: (ddl: string, prefix?: string) => Promise<string>;
  /** Drops `name` (a table, or a schema with `CASCADE`) after the test. */
  dropAfter: (statement: string) => void;
} {
  let client: pg.Client | undefined;
  const drops: string[] = [];
  beforeAll(async () => {
    client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
  });
  afterEach(async () => {
    for (const statement of drops.splice(0)) await client!.query(statement);
  });
  afterAll(async () => {
    await client?.end();
  });
  const sql = async (text: string, values: unknown[] = []) =>
    (await client!.query(text, values)).rows as Record<string, unknown>[];
  return {
    sql,
    async table(ddl, prefix = 'pdr') {
      const name = uniqueName(prefix);
      drops.push(`DROP TABLE IF EXISTS "${name}" CASCADE`);
      await sql(ddl.replaceAll('{table}', `"${name}"`));
      return name;
    },
    dropAfter(statement) {
      drops.push(statement);
    },
  };
}

/**
 * A PutDatabaseRecord runner with a JsonTreeReader (`reader`) and a DBCPConnectionPool (`db`)
 * on the test server; `pool` overrides the pool's properties.
 */
export function putDatabaseRecordRunner(
  properties: Readonly<Record<string, string>>,
  pool: Readonly<Record<string, string>> = {},
  options: { penaltyDuration?: string } = {},
): Promise<TestRunner> {
  return TestRunner.create(PutDatabaseRecord, {
    properties: {
      recordReader: 'reader',
      dbcpService: 'db',
      statementType: 'INSERT',
      ...properties,
    },
    services: {
      reader: { definition: JsonTreeReader },
      db: {
        definition: DBCPConnectionPool,
        properties: {
          databaseConnectionUrl: POSTGRES_JDBC_URL,
          databaseUser: POSTGRES_USER,
          ...pool,
        },
      },
    },
    ...options,
  });
}
