/** A column of a table, as information_schema.columns describes it. */
export interface ColumnInfo {
  readonly name: string;
  /** information_schema's data_type, e.g. `integer`, `timestamp with time zone`, `ARRAY`. */
  readonly dataType: string;
  /** The type's own name, e.g. `int4`, `timestamptz`, `_text` for text[], an enum's name. */
  readonly udtName: string;
  readonly nullable: boolean;
  readonly hasDefault: boolean;
  /** An identity column (GENERATED ... AS IDENTITY): the database numbers it. */
  readonly identity: boolean;
  /** A generated column (GENERATED ALWAYS AS (...) STORED): it cannot be written. */
  readonly generated: boolean;
}

/** A table's columns (in order) and primary key, as one lookup in the database found them. */
export interface TableSchema {
  readonly catalog: string;
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly ColumnInfo[];
  /** The primary key's columns, in key order; empty when the table has none. */
  readonly primaryKey: readonly string[];
}

/** The table a flowfile is for, as configured (Catalog Name, Schema Name, Table Name). */
export interface TableReference {
  readonly catalog: string | undefined;
  readonly schema: string | undefined;
  readonly table: string;
}

/** Whether a record must carry a value for the column: NOT NULL, no default, not numbered by the database. */
export function isRequired(column: ColumnInfo): boolean {
  return !column.nullable && !column.hasDefault && !column.identity && !column.generated;
}

/** The type of a column as a person reads it: `integer`, `text[]`, `mood` (an enum). */
export function typeName(column: ColumnInfo): string {
  if (column.dataType === 'ARRAY') return `${column.udtName.replace(/^_/, '')}[]`;
  if (column.dataType === 'USER-DEFINED') return column.udtName;
  return column.dataType;
}

/**
 * A bounded cache of table schemas by table reference (NiFi's Table Schema Cache, 100 entries):
 * the least recently used entry goes first.
 */
export class TableSchemaCache {
  readonly #entries = new Map<string, TableSchema>();

  constructor(readonly capacity = 100) {}

  get(reference: TableReference): TableSchema | undefined {
    const key = keyOf(reference);
    const schema = this.#entries.get(key);
    if (schema !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, schema);
    }
    return schema;
  }

  set(reference: TableReference, schema: TableSchema): void {
    const key = keyOf(reference);
    this.#entries.delete(key);
    this.#entries.set(key, schema);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** Forgets a table, e.g. after the database said a column does not exist (the table changed). */
  delete(reference: TableReference): void {
    this.#entries.delete(keyOf(reference));
  }
}

function keyOf(reference: TableReference): string {
  return JSON.stringify([reference.catalog ?? null, reference.schema ?? null, reference.table]);
}
