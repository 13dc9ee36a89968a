import {
  defineProcessor,
  type FlowFile,
  type ProcessContext,
  type ProcessSession,
} from '@sluice/engine';
import { DatabaseAccessError, type DBCPService } from './services/dbcp-connection-pool.js';
import { MalformedRecordError, type RecordReader } from './services/json-tree-reader.js';
import type { BinaryStringFormat } from './sql/column-value.js';
import {
  PUT_DATABASE_RECORD_PROPERTIES,
  USE_ATTRIBUTE,
} from './sql/put-database-record-properties.js';
import { STATEMENT_TYPES, type StatementType, type UnmatchedColumns } from './sql/record-row.js';
import { TableSchemaCache } from './sql/table-schema.js';
import {
  RecordWriteError,
  writeRecords,
  type WriteRequest,
  type WriteResult,
} from './sql/table-writer.js';

/** Attribute NiFi writes on a flowfile routed to failure or retry: the cause of the error. */
export const ERROR_ATTRIBUTE = 'putdatabaserecord.error';
/** Attribute Sluice writes on success: how many records were written. */
export const RECORD_COUNT_ATTRIBUTE = 'putdatabaserecord.record.count';
/** Attribute read with 'Use statement.type Attribute' (NiFi's). */
export const STATEMENT_TYPE_ATTRIBUTE = 'statement.type';

const UPSERTING = new Set<string>(['UPSERT', 'INSERT_IGNORE']);

const properties = PUT_DATABASE_RECORD_PROPERTIES;

type Context = ProcessContext<typeof properties>;

/** What onScheduled prepares: the table schemas found so far, kept until the processor stops. */
interface Scheduled {
  readonly tables: TableSchemaCache;
}

/** The statement type of a flowfile: the property's, or its statement.type attribute. */
function statementTypeOf(ctx: Context, flowFile: FlowFile): StatementType {
  const configured = ctx.requiredProperty('statementType');
  let type: string = configured;
  if (configured === USE_ATTRIBUTE) {
    const attribute = flowFile.attributes[STATEMENT_TYPE_ATTRIBUTE]?.trim() ?? '';
    if (attribute === '') {
      throw new RecordWriteError(
        `No Statement Type specified: the ${STATEMENT_TYPE_ATTRIBUTE} attribute is missing or empty`,
      );
    }
    type = attribute.toUpperCase();
    if (type === 'SQL') {
      throw new RecordWriteError(
        `${STATEMENT_TYPE_ATTRIBUTE} SQL is not supported: Sluice writes records as rows, it does not run SQL taken from them`,
      );
    }
  }
  const known = STATEMENT_TYPES.find((t) => t === type);
  if (known === undefined) {
    throw new RecordWriteError(
      `Invalid Statement Type '${type}': expected one of ${STATEMENT_TYPES.join(', ')}`,
    );
  }
  const databaseType = ctx.requiredProperty('databaseType');
  if (databaseType === 'Generic' && UPSERTING.has(known)) {
    throw new RecordWriteError(`${databaseType} does not support ${known}`);
  }
  return known;
}

/** The flowfile's configuration; expression errors are thrown as RecordWriteError. */
function requestOf(ctx: Context, flowFile: FlowFile): WriteRequest {
  const statementType = statementTypeOf(ctx, flowFile);
  let table: string;
  let catalog: string | undefined;
  let schema: string | undefined;
  let updateKeys: string | undefined;
  let deleteKeys: string | undefined;
  let maxBatchSize: number;
  let statementTimeoutMs: number;
  try {
    table = ctx.requiredProperty('tableName', flowFile).trim();
    catalog = ctx.property('catalogName', flowFile)?.trim() || undefined;
    schema = ctx.property('schemaName', flowFile)?.trim() || undefined;
    updateKeys = ctx.property('updateKeys', flowFile)?.trim() || undefined;
    deleteKeys = ctx.property('deleteKeys', flowFile)?.trim() || undefined;
    maxBatchSize = ctx.requiredProperty('maxBatchSize', flowFile);
    statementTimeoutMs = Math.floor(ctx.requiredProperty('maxWaitTime'));
  } catch (error) {
    throw new RecordWriteError(error instanceof Error ? error.message : String(error));
  }
  if (table === '') throw new RecordWriteError("'Table Name' evaluated to an empty value");
  const unmatched = ctx.requiredProperty('unmatchedColumnBehavior');
  return {
    table: { catalog, schema, table },
    statementType,
    translateFieldNames: ctx.requiredProperty('translateFieldNames'),
    quoteTableIdentifiers: ctx.requiredProperty('quoteTableIdentifiers'),
    quoteColumnIdentifiers: ctx.requiredProperty('quoteColumnIdentifiers'),
    failOnUnmatchedField:
      ctx.requiredProperty('unmatchedFieldBehavior') === 'Fail on Unmatched Fields',
    unmatchedColumns: UNMATCHED_COLUMNS[unmatched],
    updateKeys,
    deleteKeys,
    maxBatchSize,
    binaryFormat: ctx.requiredProperty('binaryStringFormat') satisfies BinaryStringFormat,
    statementTimeoutMs,
  };
}

const UNMATCHED_COLUMNS: Readonly<
  Record<
    'Ignore Unmatched Columns' | 'Warn on Unmatched Columns' | 'Fail on Unmatched Columns',
    UnmatchedColumns
  >
> = {
  'Ignore Unmatched Columns': 'ignore',
  'Warn on Unmatched Columns': 'warn',
  'Fail on Unmatched Columns': 'fail',
};

/** Reads the records and writes them in one transaction. */
async function put(
  ctx: Context,
  session: ProcessSession,
  flowFile: FlowFile,
  service: DBCPService,
  tables: TableSchemaCache,
): Promise<WriteResult> {
  const request = requestOf(ctx, flowFile);
  const content = await session.readBuffer(flowFile);
  let records: RecordReader;
  try {
    records = ctx.requiredProperty('recordReader').createRecordReader(content, flowFile.attributes);
  } catch (error) {
    if (error instanceof MalformedRecordError) throw new RecordWriteError(error.message);
    throw error;
  }
  return service.transaction((connection) => writeRecords(connection, tables, request, records));
}

/** Where a failed flowfile goes: retry when the database may take it later, else failure. */
function routeError(
  ctx: Context,
  session: ProcessSession,
  flowFile: FlowFile,
  url: string,
  error: RecordWriteError | DatabaseAccessError,
): void {
  const retry = error instanceof DatabaseAccessError && error.kind !== 'statement';
  const unreachable = error instanceof DatabaseAccessError && error.kind === 'connection';
  const relationship = retry ? 'retry' : 'failure';
  if (ctx.requiredProperty('rollbackOnFailure')) {
    session.rollback();
    ctx.yield();
    ctx.log.error(
      `Failed to put records to ${url}: ${error.message}; Rollback On Failure is set, so the session was rolled back and the flowfile stays in the input queue`,
    );
    return;
  }
  let routed = session.putAttribute(flowFile, ERROR_ATTRIBUTE, error.message);
  if (retry) routed = session.penalize(routed);
  // A database that cannot be reached will not answer the next flowfile either.
  if (unreachable) ctx.yield();
  session.transfer(routed, relationship);
  ctx.log.error(
    `Failed to put records to ${url} for ${flowFile.id}: ${error.message}; routing to ${relationship}`,
    routed,
  );
}

/**
 * PutDatabaseRecord: writes the records of each flowfile (read by the Record Reader) to a
 * database table as INSERT, UPDATE, UPSERT, INSERT_IGNORE or DELETE statements, all records of
 * one flowfile in one transaction: every record is written, or none.
 *
 * The table's columns are read from information_schema once per table while the processor is
 * scheduled. Each value is checked against its column's type before anything is sent (a wrong
 * type fails the flowfile with the record, field and reason); values are always statement
 * parameters, never SQL text. `success` gets `putdatabaserecord.record.count`; `failure`
 * (the data or configuration is at fault: unknown table, wrong type, constraint violation) and
 * `retry` (the database could not be reached, refused the login, or was busy: deadlock,
 * timeout) get `putdatabaserecord.error`. With Rollback On Failure, both roll the session back
 * instead and yield. A SEND provenance event names the JDBC URL (never a password).
 *
 * Differences from NiFi: PostgreSQL only; a field missing from a record leaves its column to
 * the default rather than writing NULL; a zoned timestamp for a `timestamp without time zone`
 * column is stored as UTC wall-clock time; a string for a json/jsonb column is stored as a JSON
 * string, never parsed as JSON text (objects and arrays are stored as themselves); configured names are matched as PostgreSQL reads
 * unquoted names unless quoted, and generated SQL always quotes names; a record without its key
 * is always refused for UPDATE and DELETE, and DELETE does not require NOT NULL columns;
 * UPSERT's ON CONFLICT updates the non-key columns. Not supported: statement type SQL (Field
 * Containing SQL, Allow Multiple SQL Statements), Statement Type Record Path, Data Record Path,
 * Column Name Translation Strategy/Pattern (Remove Underscore only), Table Schema Cache Size
 * (100), Database Session AutoCommit (always one transaction).
 */
export const PutDatabaseRecord = defineProcessor({
  type: 'PutDatabaseRecord',
  description:
    "The PutDatabaseRecord processor uses a specified RecordReader to input (possibly multiple) records from an incoming flow file. These records are translated to SQL statements and executed as a single transaction. If any errors occur, the flow file is routed to failure or retry, and if the records are transmitted successfully, the incoming flow file is routed to success. The type of statement executed by the processor is specified via the Statement Type property, which accepts some hard-coded values such as INSERT, UPDATE, and DELETE, as well as 'Use statement.type Attribute', which causes the processor to get the statement type from a flow file attribute. IMPORTANT: If the Statement Type is UPDATE, then the incoming records must not alter the value(s) of the primary keys (or user-specified Update Keys). Sluice connects to PostgreSQL; values are checked against the column types before they are sent.",
  tags: ['sql', 'record', 'jdbc', 'put', 'database', 'update', 'insert', 'delete', 'postgresql'],
  properties,
  relationships: {
    success: 'Successfully created FlowFile from SQL query result set.',
    failure:
      'A FlowFile is routed to this relationship if the database cannot be updated and retrying the operation will also fail, such as an invalid query or an integrity constraint violation',
    retry:
      'A FlowFile is routed to this relationship if the database cannot be updated but attempting the operation again may succeed',
  },
  validate(ctx) {
    const type = ctx.raw('statementType') ?? '';
    if ((ctx.raw('databaseType') ?? 'PostgreSQL') === 'Generic' && UPSERTING.has(type)) {
      return [{ property: 'statementType', message: `Generic does not support ${type}` }];
    }
    return [];
  },
  onScheduled: (): Scheduled => ({ tables: new TableSchemaCache() }),
  async onTrigger(ctx, session, scheduled) {
    const flowFile = session.get();
    if (!flowFile) return;
    const service = ctx.requiredProperty('dbcpService');
    let result: WriteResult;
    try {
      result = await put(ctx, session, flowFile, service, scheduled.tables);
    } catch (error) {
      if (error instanceof RecordWriteError || error instanceof DatabaseAccessError) {
        routeError(ctx, session, flowFile, service.url, error);
        return;
      }
      throw error;
    }
    let written = session.putAttribute(flowFile, RECORD_COUNT_ATTRIBUTE, String(result.records));
    // A flowfile that failed before and now succeeded no longer carries the old error.
    if (written.attributes[ERROR_ATTRIBUTE] !== undefined) {
      written = session.removeAttribute(written, ERROR_ATTRIBUTE);
    }
    session.provenance.send(written, service.url, `${result.records} records into ${result.table}`);
    session.transfer(written, 'success');
    session.adjustCounter(`${result.statementType} updates performed`, result.records);
    session.adjustCounter('Batches Executed', result.statements);
    for (const warning of result.warnings) ctx.log.warn(`${result.table}: ${warning}`, written);
  },
});
