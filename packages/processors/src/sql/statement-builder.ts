/**
 * SQL text for PutDatabaseRecord's statements. Values are never part of the text: every value
 * is a `$n` parameter. Names are always quoted, so a table or column name (which comes from the
 * database's own catalog) can never be read as SQL.
 */

/** A name as a quoted SQL identifier: `"order"`, `"say ""hi"""`. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A table as SQL: `"schema"."table"`. */
export function qualifiedTable(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/** What an INSERT does with a row whose key already exists. */
export type ConflictAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'update'; readonly keys: readonly string[] }
  | { readonly kind: 'ignore'; readonly keys: readonly string[] };

/** A key column of an UPDATE or DELETE and whether the record's value for it is NULL. */
export interface KeyCondition {
  readonly column: string;
  readonly isNull: boolean;
}

/**
 * `INSERT INTO t ("a", "b") VALUES ($1, $2), ($3, $4)` for `rows` rows, with PostgreSQL's
 * `ON CONFLICT (keys) DO UPDATE SET` (UPSERT: every non-key column from the new row) or
 * `DO NOTHING` (INSERT_IGNORE). An UPSERT whose columns are all keys has nothing to update, and
 * does nothing on conflict.
 */
export function insertStatement(
  table: string,
  columns: readonly string[],
  rows: number,
  conflict: ConflictAction,
): string {
  if (columns.length === 0) throw new Error('An INSERT needs at least one column');
  if (rows < 1) throw new Error('An INSERT needs at least one row');
  const values: string[] = [];
  for (let row = 0; row < rows; row++) {
    const base = row * columns.length;
    values.push(`(${columns.map((_, i) => `$${base + i + 1}`).join(', ')})`);
  }
  const text = `INSERT INTO ${table} (${columns.map(quoteIdentifier).join(', ')}) VALUES ${values.join(', ')}`;
  switch (conflict.kind) {
    case 'none':
      return text;
    case 'ignore':
      return `${text} ON CONFLICT (${conflict.keys.map(quoteIdentifier).join(', ')}) DO NOTHING`;
    case 'update': {
      const target = `ON CONFLICT (${conflict.keys.map(quoteIdentifier).join(', ')})`;
      const updated = columns.filter((c) => !conflict.keys.includes(c));
      if (updated.length === 0) return `${text} ${target} DO NOTHING`;
      const assignments = updated.map(
        (c) => `${quoteIdentifier(c)} = EXCLUDED.${quoteIdentifier(c)}`,
      );
      return `${text} ${target} DO UPDATE SET ${assignments.join(', ')}`;
    }
    default: {
      const exhaustive: never = conflict;
      throw new Error(`Unknown conflict action ${JSON.stringify(exhaustive)}`);
    }
  }
}

/**
 * `UPDATE t SET "a" = $1, "b" = $2 WHERE "id" = $3`: the set columns' values come first, then
 * the keys' values; a NULL key is matched with `IS NULL` (and takes no parameter).
 */
export function updateStatement(
  table: string,
  columns: readonly string[],
  keys: readonly KeyCondition[],
): string {
  if (columns.length === 0) throw new Error('An UPDATE needs at least one column to set');
  if (keys.length === 0) throw new Error('An UPDATE needs at least one key');
  const assignments = columns.map((c, i) => `${quoteIdentifier(c)} = $${i + 1}`);
  return `UPDATE ${table} SET ${assignments.join(', ')} WHERE ${conditions(keys, columns.length)}`;
}

/** `DELETE FROM t WHERE "id" = $1 AND "note" IS NULL`. */
export function deleteStatement(table: string, keys: readonly KeyCondition[]): string {
  if (keys.length === 0) throw new Error('A DELETE needs at least one key');
  return `DELETE FROM ${table} WHERE ${conditions(keys, 0)}`;
}

function conditions(keys: readonly KeyCondition[], parametersBefore: number): string {
  let parameter = parametersBefore;
  return keys
    .map(({ column, isNull }) =>
      isNull
        ? `${quoteIdentifier(column)} IS NULL`
        : `${quoteIdentifier(column)} = $${++parameter}`,
    )
    .join(' AND ');
}
