import type { JsonObject } from '../json/json-value.js';
import type { ColumnMatcher } from './column-matcher.js';
import { toColumnValue, type BinaryStringFormat, type ParameterValue } from './column-value.js';
import type { KeyCondition } from './statement-builder.js';
import { isRequired, typeName, type ColumnInfo } from './table-schema.js';

/** The statements PutDatabaseRecord writes records with (NiFi's Statement Type values). */
export const STATEMENT_TYPES = ['INSERT', 'UPDATE', 'UPSERT', 'INSERT_IGNORE', 'DELETE'] as const;
/** One of {@link STATEMENT_TYPES}. */
export type StatementType = (typeof STATEMENT_TYPES)[number];

/** What to do when a record has no value for a required column (NiFi's Unmatched Column Behavior). */
export type UnmatchedColumns = 'ignore' | 'warn' | 'fail';

/** How records become rows of one table. */
export interface RowSettings {
  readonly statementType: StatementType;
  readonly matcher: ColumnMatcher;
  /** Unmatched Field Behavior is Fail on Unmatched Fields. */
  readonly failOnUnmatchedField: boolean;
  readonly unmatchedColumns: UnmatchedColumns;
  /**
   * Key columns: for UPDATE, UPSERT and INSERT_IGNORE the Update Keys or the primary key; for
   * DELETE the Delete Keys, or undefined to match on every field of the record (NiFi's default).
   */
  readonly keys: readonly string[] | undefined;
  readonly binaryFormat: BinaryStringFormat;
}

/** One record as a row: the columns it writes, their values, and the keys that find it. */
export interface Row {
  /** Columns written: all of the record's for the INSERT kinds, the non-key ones for UPDATE, none for DELETE. */
  readonly columns: readonly string[];
  readonly values: readonly ParameterValue[];
  /** The WHERE keys of UPDATE and DELETE (empty for the INSERT kinds). */
  readonly conditions: readonly KeyCondition[];
  /** The values of the non-NULL keys, in the order of `conditions`. */
  readonly conditionValues: readonly ParameterValue[];
  /** Problems to log without failing (Warn on Unmatched Columns). */
  readonly warnings: readonly string[];
}

/** A row, or why the record cannot be written. */
export type RowReading =
  { readonly ok: true; readonly row: Row } | { readonly ok: false; readonly reason: string };

interface Field {
  readonly name: string;
  readonly column: ColumnInfo;
  readonly value: ParameterValue;
}

/**
 * Maps a record's fields to the table's columns and converts each value for its column's type.
 * A record that writes no column, a field that maps to no column (with Fail on Unmatched
 * Fields), a value of the wrong type, or a missing key is refused with the reason.
 */
export function rowOf(record: JsonObject, settings: RowSettings): RowReading {
  const { matcher, statementType } = settings;
  const fields: Field[] = [];
  const byColumn = new Map<string, Field>();
  for (const [name, value] of Object.entries(record)) {
    const column = matcher.forField(name);
    if (column === undefined) {
      if (settings.failOnUnmatchedField) {
        return refuse(
          `field '${name}' does not map to any column of the table (columns: ${matcher.names()})`,
        );
      }
      continue;
    }
    const other = byColumn.get(column.name);
    if (other) {
      return refuse(`fields '${other.name}' and '${name}' both map to column '${column.name}'`);
    }
    const converted = toColumnValue(value, column, settings.binaryFormat);
    if (!converted.ok) {
      return refuse(
        `field '${name}' cannot be written to column '${column.name}' (${typeName(column)}): ${converted.reason}`,
      );
    }
    const field = { name, column, value: converted.value };
    fields.push(field);
    byColumn.set(column.name, field);
  }
  if (fields.length === 0) {
    return refuse(`none of its fields map to a column of the table (columns: ${matcher.names()})`);
  }
  const warnings: string[] = [];
  if (statementType !== 'UPDATE' && statementType !== 'DELETE') {
    const missing = matcher.columns.filter((c) => isRequired(c) && !byColumn.has(c.name));
    if (missing.length > 0) {
      const problem = `has no value for the required column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `'${c.name}'`).join(', ')} (NOT NULL without a default)`;
      if (settings.unmatchedColumns === 'fail') return refuse(problem);
      if (settings.unmatchedColumns === 'warn') warnings.push(problem);
    }
  }
  const keys = settings.keys;
  const missingKey = keys?.find((k) => !byColumn.has(k));
  switch (statementType) {
    case 'INSERT':
      return written(fields, warnings);
    case 'UPSERT':
    case 'INSERT_IGNORE':
      if (missingKey !== undefined) {
        const problem = `has no value for the key column '${missingKey}'`;
        if (settings.unmatchedColumns === 'fail') return refuse(problem);
        if (settings.unmatchedColumns === 'warn') warnings.push(problem);
      }
      return written(fields, warnings);
    case 'UPDATE': {
      // Without its key, an UPDATE would change every row: refused whatever the settings say.
      if (keys === undefined) return refuse('cannot be updated: no key columns are known');
      if (missingKey !== undefined) {
        return refuse(
          `has no value for the key column '${missingKey}', so the row to update is unknown`,
        );
      }
      const set = fields.filter((f) => !keys.includes(f.column.name));
      if (set.length === 0) return refuse('has no field to update besides its key columns');
      return keyed(
        set,
        keys.map((k) => byColumn.get(k)!),
        warnings,
      );
    }
    case 'DELETE':
      if (missingKey !== undefined) {
        return refuse(
          `has no value for the Delete Key column '${missingKey}', so the row to delete is unknown`,
        );
      }
      return keyed([], keys ? keys.map((k) => byColumn.get(k)!) : fields, warnings);
    default: {
      const exhaustive: never = statementType;
      throw new Error(`Unknown statement type ${String(exhaustive)}`);
    }
  }
}

function written(fields: readonly Field[], warnings: readonly string[]): RowReading {
  return {
    ok: true,
    row: {
      columns: fields.map((f) => f.column.name),
      values: fields.map((f) => f.value),
      conditions: [],
      conditionValues: [],
      warnings,
    },
  };
}

function keyed(
  set: readonly Field[],
  keys: readonly Field[],
  warnings: readonly string[],
): RowReading {
  return {
    ok: true,
    row: {
      columns: set.map((f) => f.column.name),
      values: set.map((f) => f.value),
      conditions: keys.map((k) => ({ column: k.column.name, isNull: k.value === null })),
      conditionValues: keys.filter((k) => k.value !== null).map((k) => k.value),
      warnings,
    },
  };
}

function refuse(reason: string): RowReading {
  return { ok: false, reason };
}
