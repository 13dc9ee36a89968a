import type { ParameterValue } from './column-value.js';
import type { Row, StatementType } from './record-row.js';
import {
  deleteStatement,
  insertStatement,
  updateStatement,
  type ConflictAction,
} from './statement-builder.js';

/** A statement ready to run, and which records (1-based, inclusive) it writes. */
export interface PlannedStatement {
  readonly text: string;
  readonly values: readonly ParameterValue[];
  readonly firstRecord: number;
  readonly lastRecord: number;
}

/** PostgreSQL's wire protocol counts a statement's parameters in 16 bits. */
export const MAX_PARAMETERS = 65_535;

interface PendingInsert {
  readonly columns: readonly string[];
  readonly signature: string;
  readonly values: ParameterValue[];
  readonly keys: Set<string>;
  rows: number;
  readonly firstRecord: number;
  lastRecord: number;
}

/**
 * Groups rows into statements. The INSERT kinds write consecutive rows with the same columns as
 * one multi-row INSERT of up to Maximum Batch Size rows (0: as many as the parameter limit
 * allows), which is PostgreSQL's fast path; an UPDATE or DELETE is one statement per row.
 *
 * An UPSERT or INSERT_IGNORE batch never holds the same key twice: PostgreSQL refuses to update
 * one row twice in a statement, so a repeated key starts a new statement, and the later record
 * wins as it would row by row.
 */
export class StatementBatcher {
  #pending: PendingInsert | undefined;

  constructor(
    readonly table: string,
    readonly statementType: StatementType,
    /** Conflict keys of UPSERT and INSERT_IGNORE. */
    readonly keys: readonly string[],
    /** Maximum Batch Size; 0 for no limit. */
    readonly maxBatchSize: number,
  ) {}

  /** Adds the row of record `recordNumber`; returns the statements that are complete. */
  add(row: Row, recordNumber: number): PlannedStatement[] {
    switch (this.statementType) {
      case 'UPDATE':
        return [
          {
            text: updateStatement(this.table, row.columns, row.conditions),
            values: [...row.values, ...row.conditionValues],
            firstRecord: recordNumber,
            lastRecord: recordNumber,
          },
        ];
      case 'DELETE':
        return [
          {
            text: deleteStatement(this.table, row.conditions),
            values: row.conditionValues,
            firstRecord: recordNumber,
            lastRecord: recordNumber,
          },
        ];
      case 'INSERT':
      case 'UPSERT':
      case 'INSERT_IGNORE':
        return this.#addInsert(row, recordNumber);
      default: {
        const exhaustive: never = this.statementType;
        throw new Error(`Unknown statement type ${String(exhaustive)}`);
      }
    }
  }

  /** The last, incomplete statement, if any. */
  flush(): PlannedStatement | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending === undefined) return undefined;
    return {
      text: insertStatement(this.table, pending.columns, pending.rows, this.#conflict()),
      values: pending.values,
      firstRecord: pending.firstRecord,
      lastRecord: pending.lastRecord,
    };
  }

  #addInsert(row: Row, recordNumber: number): PlannedStatement[] {
    const ready: PlannedStatement[] = [];
    const signature = JSON.stringify(row.columns);
    const key = this.#keyOf(row);
    const pending = this.#pending;
    if (
      pending !== undefined &&
      (pending.signature !== signature ||
        pending.rows >= this.#rowLimit(row.columns.length) ||
        (key !== undefined && pending.keys.has(key)))
    ) {
      const statement = this.flush();
      if (statement) ready.push(statement);
    }
    const target =
      this.#pending ??
      (this.#pending = {
        columns: row.columns,
        signature,
        values: [],
        keys: new Set(),
        rows: 0,
        firstRecord: recordNumber,
        lastRecord: recordNumber,
      });
    target.values.push(...row.values);
    target.rows++;
    target.lastRecord = recordNumber;
    if (key !== undefined) target.keys.add(key);
    return ready;
  }

  #rowLimit(columns: number): number {
    const byParameters = Math.floor(MAX_PARAMETERS / columns);
    return this.maxBatchSize > 0 ? Math.min(this.maxBatchSize, byParameters) : byParameters;
  }

  #conflict(): ConflictAction {
    switch (this.statementType) {
      case 'UPSERT':
        return { kind: 'update', keys: this.keys };
      case 'INSERT_IGNORE':
        return { kind: 'ignore', keys: this.keys };
      default:
        return { kind: 'none' };
    }
  }

  /** The row's conflict key values as one string, when the statement has a conflict target. */
  #keyOf(row: Row): string | undefined {
    if (this.statementType === 'INSERT' || this.keys.length === 0) return undefined;
    const parts: unknown[] = [];
    for (const key of this.keys) {
      const index = row.columns.indexOf(key);
      // A key the row leaves to its default (a sequence) cannot repeat within the batch.
      if (index < 0) return undefined;
      const value = row.values[index];
      parts.push(Buffer.isBuffer(value) ? value.toString('hex') : value);
    }
    return JSON.stringify(parts);
  }
}
