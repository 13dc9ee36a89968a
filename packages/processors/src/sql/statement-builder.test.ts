import { describe, expect, it } from 'vitest';
import {
  deleteStatement,
  insertStatement,
  qualifiedTable,
  quoteIdentifier,
  updateStatement,
} from './statement-builder.js';

const T = qualifiedTable('public', 'events');

describe('statement builder', () => {
  it('quotes names, doubling quotes inside them, so no name can be read as SQL', () => {
    expect(quoteIdentifier('order')).toBe('"order"');
    expect(quoteIdentifier('x"; DROP TABLE t; --')).toBe('"x""; DROP TABLE t; --"');
    expect(qualifiedTable('My Schema', 't')).toBe('"My Schema"."t"');
  });

  it('writes a multi-row INSERT with numbered parameters', () => {
    expect(insertStatement(T, ['id', 'body'], 2, { kind: 'none' })).toBe(
      'INSERT INTO "public"."events" ("id", "body") VALUES ($1, $2), ($3, $4)',
    );
  });

  it('writes UPSERT as ON CONFLICT DO UPDATE of the non-key columns from EXCLUDED', () => {
    expect(insertStatement(T, ['id', 'body', 'at'], 1, { kind: 'update', keys: ['id'] })).toBe(
      'INSERT INTO "public"."events" ("id", "body", "at") VALUES ($1, $2, $3) ON CONFLICT ("id") DO UPDATE SET "body" = EXCLUDED."body", "at" = EXCLUDED."at"',
    );
    expect(insertStatement(T, ['id'], 1, { kind: 'update', keys: ['id'] })).toBe(
      'INSERT INTO "public"."events" ("id") VALUES ($1) ON CONFLICT ("id") DO NOTHING',
    );
  });

  it('writes INSERT_IGNORE as ON CONFLICT DO NOTHING', () => {
    expect(insertStatement(T, ['a', 'b'], 1, { kind: 'ignore', keys: ['a', 'b'] })).toBe(
      'INSERT INTO "public"."events" ("a", "b") VALUES ($1, $2) ON CONFLICT ("a", "b") DO NOTHING',
    );
  });

  it('writes UPDATE with the keys last, and NULL keys as IS NULL without a parameter', () => {
    expect(
      updateStatement(
        T,
        ['body', 'at'],
        [
          { column: 'id', isNull: false },
          { column: 'tenant', isNull: true },
          { column: 'region', isNull: false },
        ],
      ),
    ).toBe(
      'UPDATE "public"."events" SET "body" = $1, "at" = $2 WHERE "id" = $3 AND "tenant" IS NULL AND "region" = $4',
    );
  });

  it('writes DELETE on every key', () => {
    expect(
      deleteStatement(T, [
        { column: 'id', isNull: false },
        { column: 'note', isNull: true },
      ]),
    ).toBe('DELETE FROM "public"."events" WHERE "id" = $1 AND "note" IS NULL');
  });

  it('refuses statements that would touch every row or no column', () => {
    expect(() => updateStatement(T, ['a'], [])).toThrow('at least one key');
    expect(() => deleteStatement(T, [])).toThrow('at least one key');
    expect(() => insertStatement(T, [], 1, { kind: 'none' })).toThrow('at least one column');
  });
});
