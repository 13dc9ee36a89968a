import type { DatabaseConnection } from './postgres-pool.js';
import type { ColumnInfo, TableReference, TableSchema } from './table-schema.js';

// The table itself: in the named schema, else in the first schema of the search path that has
// it (where PostgreSQL resolves an unqualified name). Views count: they may be updatable.
const COLUMNS = `
WITH path AS (
  SELECT nspname::text AS schema_name, position
  FROM unnest(current_schemas(false)) WITH ORDINALITY AS p(nspname, position)
),
target AS (
  SELECT t.table_catalog::text AS catalog, t.table_schema::text AS schema_name, t.table_name::text AS table_name
  FROM information_schema.tables t
  LEFT JOIN path ON path.schema_name = t.table_schema
  WHERE t.table_name = $1
    AND CASE WHEN $2::text IS NULL THEN path.position IS NOT NULL ELSE t.table_schema = $2 END
    AND ($3::text IS NULL OR t.table_catalog = $3)
  ORDER BY path.position
  LIMIT 1
)
SELECT target.catalog, target.schema_name, target.table_name,
       c.column_name::text AS column_name, c.data_type::text AS data_type, c.udt_name::text AS udt_name,
       c.is_nullable = 'YES' AS nullable, c.column_default IS NOT NULL AS has_default,
       c.is_identity = 'YES' AS identity, c.is_generated <> 'NEVER' AS generated
FROM target
LEFT JOIN information_schema.columns c
  ON c.table_schema = target.schema_name AND c.table_name = target.table_name
ORDER BY c.ordinal_position`;

const PRIMARY_KEY = `
SELECT k.column_name::text AS column_name
FROM information_schema.table_constraints tc
JOIN information_schema.key_column_usage k
  ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
 AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name
WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = $1 AND tc.table_name = $2
ORDER BY k.ordinal_position`;

/**
 * Reads a table's columns and primary key from information_schema, or returns undefined when
 * no such table is visible. The names are matched exactly: the caller folds unquoted names.
 */
export async function lookUpTable(
  connection: DatabaseConnection,
  reference: TableReference,
): Promise<TableSchema | undefined> {
  const found = await connection.query(COLUMNS, [
    reference.table,
    reference.schema ?? null,
    reference.catalog ?? null,
  ]);
  const first = found.rows[0];
  if (first === undefined) return undefined;
  const schema = String(first['schema_name']);
  const name = String(first['table_name']);
  const columns: ColumnInfo[] = found.rows
    .filter((row) => row['column_name'] !== null)
    .map((row) => ({
      name: String(row['column_name']),
      dataType: String(row['data_type']),
      udtName: String(row['udt_name']),
      nullable: row['nullable'] === true,
      hasDefault: row['has_default'] === true,
      identity: row['identity'] === true,
      generated: row['generated'] === true,
    }));
  const keys = await connection.query(PRIMARY_KEY, [schema, name]);
  return {
    catalog: String(first['catalog']),
    schema,
    name,
    columns,
    primaryKey: keys.rows.map((row) => String(row['column_name'])),
  };
}
