import { MalformedRecordError } from '../json/json-records.js';
import type { JsonObject } from '../json/json-value.js';
import { ColumnMatcher, foldIdentifier } from './column-matcher.js';
import type { BinaryStringFormat } from './column-value.js';
import { DatabaseAccessError } from './database-error.js';
import type { DatabaseConnection } from './postgres-pool.js';
import {
  rowOf,
  type RowSettings,
  type StatementType,
  type UnmatchedColumns,
} from './record-row.js';
import { StatementBatcher, type PlannedStatement } from './statement-batcher.js';
import { qualifiedTable } from './statement-builder.js';
import { lookUpTable } from './table-lookup.js';
import type { TableReference, TableSchema, TableSchemaCache } from './table-schema.js';

/** The records of one flowfile could not be written, for a reason in the data or the configuration. */
export class RecordWriteError extends Error {
  override readonly name = 'RecordWriteError';
}

/** Something that hands out records one by one (a RecordReader). */
export interface RecordSource {
  /** @throws MalformedRecordError */
  nextRecord(): JsonObject | undefined;
}

/** Everything PutDatabaseRecord configured for one flowfile. */
export interface WriteRequest {
  /** The table as configured (Catalog Name, Schema Name, Table Name). */
  readonly table: TableReference;
  readonly statementType: StatementType;
  readonly translateFieldNames: boolean;
  readonly quoteTableIdentifiers: boolean;
  readonly quoteColumnIdentifiers: boolean;
  readonly failOnUnmatchedField: boolean;
  readonly unmatchedColumns: UnmatchedColumns;
  /** Update Keys, comma-separated, when set. */
  readonly updateKeys: string | undefined;
  /** Delete Keys, comma-separated, when set. */
  readonly deleteKeys: string | undefined;
  readonly maxBatchSize: number;
  readonly binaryFormat: BinaryStringFormat;
  /** Max Wait Time of each statement in ms; 0 for no limit. */
  readonly statementTimeoutMs: number;
}

/** What was written. */
export interface WriteResult {
  readonly statementType: StatementType;
  readonly records: number;
  readonly statements: number;
  /** `schema.table`, as found in the database. */
  readonly table: string;
  /** Problems logged without failing (Warn on Unmatched Columns), the first of each kind. */
  readonly warnings: readonly string[];
}

/**
 * Writes every record of `records` to the table on `connection`, which the caller holds in one
 * transaction. Throws `RecordWriteError` for a problem of the data or configuration (table not
 * found, a field of the wrong type...) and `DatabaseAccessError` for what the database said,
 * each naming the record at fault; the caller's rollback then undoes what was written.
 */
export async function writeRecords(
  connection: DatabaseConnection,
  cache: TableSchemaCache,
  request: WriteRequest,
  records: RecordSource,
): Promise<WriteResult> {
  // Session settings for this transaction only: zone-less timestamps are UTC, and each
  // statement may run for at most Max Wait Time.
  await connection.query(
    "SELECT set_config('statement_timeout', $1, true), set_config('TimeZone', 'UTC', true)",
    [String(request.statementTimeoutMs)],
  );
  const lookup = lookupReference(request);
  const schema = cache.get(lookup) ?? (await findTable(connection, request, lookup));
  cache.set(lookup, schema);
  const shownTable = `${schema.schema}.${schema.name}`;
  const matcher = new ColumnMatcher(
    schema.columns,
    request.translateFieldNames,
    request.quoteColumnIdentifiers,
  );
  const keys = keyColumns(request, schema, matcher);
  const settings: RowSettings = {
    statementType: request.statementType,
    matcher,
    failOnUnmatchedField: request.failOnUnmatchedField,
    unmatchedColumns: request.unmatchedColumns,
    keys,
    binaryFormat: request.binaryFormat,
  };
  const batcher = new StatementBatcher(
    qualifiedTable(schema.schema, schema.name),
    request.statementType,
    keys ?? [],
    request.maxBatchSize,
  );
  // Each distinct warning once, with the first record it was seen in.
  const warnings = new Map<string, number>();
  let statements = 0;
  const run = async (statement: PlannedStatement): Promise<void> => {
    try {
      await connection.query(statement.text, statement.values);
      statements++;
    } catch (error) {
      if (!(error instanceof DatabaseAccessError) || error.kind !== 'statement') throw error;
      // 42xxx: the table changed under the cache (a column dropped or renamed...).
      if (error.sqlState?.startsWith('42')) cache.delete(lookup);
      const which =
        statement.firstRecord === statement.lastRecord
          ? `record ${statement.firstRecord}`
          : `records ${statement.firstRecord} to ${statement.lastRecord}`;
      throw new DatabaseAccessError(
        'statement',
        `${request.statementType} into ${shownTable} failed for ${which}: ${error.message}`,
        error.sqlState,
        { cause: error },
      );
    }
  };
  let count = 0;
  for (;;) {
    let record: JsonObject | undefined;
    try {
      record = records.nextRecord();
    } catch (error) {
      if (error instanceof MalformedRecordError)
        throw new RecordWriteError(error.message, { cause: error });
      throw error;
    }
    if (record === undefined) break;
    count++;
    const reading = rowOf(record, settings);
    if (!reading.ok) throw new RecordWriteError(`record ${count} ${reading.reason}`);
    for (const warning of reading.row.warnings) {
      if (!warnings.has(warning)) warnings.set(warning, count);
    }
    for (const statement of batcher.add(reading.row, count)) await run(statement);
  }
  const last = batcher.flush();
  if (last) await run(last);
  return {
    statementType: request.statementType,
    records: count,
    statements,
    table: shownTable,
    warnings: [...warnings].map(
      ([warning, record]) => `record ${record} (and maybe others) ${warning}`,
    ),
  };
}

/** The names to look for: as configured with Quote Table Identifiers, else folded as PostgreSQL folds them. */
function lookupReference(request: WriteRequest): TableReference {
  const name = (text: string | undefined) =>
    text === undefined || request.quoteTableIdentifiers ? text : foldIdentifier(text);
  return {
    catalog: name(request.table.catalog),
    schema: name(request.table.schema),
    table: name(request.table.table) ?? request.table.table,
  };
}

async function findTable(
  connection: DatabaseConnection,
  request: WriteRequest,
  lookup: TableReference,
): Promise<TableSchema> {
  const found = await lookUpTable(connection, lookup);
  if (found && found.columns.length > 0) return found;
  const configured = [request.table.catalog, request.table.schema, request.table.table]
    .filter((part) => part !== undefined)
    .join('.');
  if (found) {
    throw new RecordWriteError(
      `Table ${configured} was found, but none of its columns are visible: check the user's privileges on it`,
    );
  }
  const where = lookup.schema === undefined ? ' in the schemas of the search_path' : '';
  const folded =
    lookup.table !== request.table.table || lookup.schema !== request.table.schema
      ? ` (PostgreSQL reads unquoted names in lower case: looked for ${[lookup.schema, lookup.table].filter(Boolean).join('.')}; set Quote Table Identifiers to use the name exactly)`
      : '';
  throw new RecordWriteError(
    `Table ${configured} not found${where}, ensure the Catalog, Schema, and/or Table Names match those in the database exactly${folded}`,
  );
}

/** The key columns of the statement: Update Keys or the primary key; Delete Keys or none. */
function keyColumns(
  request: WriteRequest,
  schema: TableSchema,
  matcher: ColumnMatcher,
): readonly string[] | undefined {
  const resolve = (list: string, property: string): string[] =>
    list
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '')
      .map((name) => {
        const column = matcher.forConfiguredName(name);
        if (!column) {
          throw new RecordWriteError(
            `${property} '${name}' is not a column of ${schema.schema}.${schema.name} (columns: ${matcher.names()})`,
          );
        }
        return column.name;
      });
  switch (request.statementType) {
    case 'INSERT':
      return undefined;
    case 'DELETE':
      return request.deleteKeys?.trim() ? resolve(request.deleteKeys, 'Delete Key') : undefined;
    case 'UPDATE':
    case 'UPSERT':
    case 'INSERT_IGNORE': {
      const keys = request.updateKeys?.trim()
        ? resolve(request.updateKeys, 'Update Key')
        : [...schema.primaryKey];
      if (keys.length === 0) {
        throw new RecordWriteError(
          `Table ${schema.schema}.${schema.name} does not have a Primary Key and no Update Keys were specified: ${request.statementType} needs key columns`,
        );
      }
      return keys;
    }
    default: {
      const exhaustive: never = request.statementType;
      throw new Error(`Unknown statement type ${String(exhaustive)}`);
    }
  }
}
