import { describe, expect, it } from 'vitest';
import type { ParameterValue } from './column-value.js';
import type { Row } from './record-row.js';
import { MAX_PARAMETERS, StatementBatcher, type PlannedStatement } from './statement-batcher.js';

const T = '"public"."t"';

function inserted(columns: string[], values: ParameterValue[]): Row {
  return { columns, values, conditions: [], conditionValues: [], warnings: [] };
}

/** Adds rows in order and returns every statement, the last flushed. */
function plan(batcher: StatementBatcher, rows: readonly Row[]): PlannedStatement[] {
  const statements = rows.flatMap((row, i) => batcher.add(row, i + 1));
  const last = batcher.flush();
  return last ? [...statements, last] : statements;
}

describe('StatementBatcher', () => {
  it('writes consecutive rows with the same columns as one multi-row INSERT', () => {
    const statements = plan(new StatementBatcher(T, 'INSERT', [], 1000), [
      inserted(['a', 'b'], ['1', 'x']),
      inserted(['a', 'b'], ['2', 'y']),
      inserted(['a'], ['3']),
    ]);

    expect(statements).toEqual([
      {
        text: 'INSERT INTO "public"."t" ("a", "b") VALUES ($1, $2), ($3, $4)',
        values: ['1', 'x', '2', 'y'],
        firstRecord: 1,
        lastRecord: 2,
      },
      {
        text: 'INSERT INTO "public"."t" ("a") VALUES ($1)',
        values: ['3'],
        firstRecord: 3,
        lastRecord: 3,
      },
    ]);
  });

  it('cuts batches at Maximum Batch Size', () => {
    const rows = Array.from({ length: 5 }, (_, i) => inserted(['a'], [String(i)]));

    const statements = plan(new StatementBatcher(T, 'INSERT', [], 2), rows);

    expect(statements.map((s) => [s.firstRecord, s.lastRecord])).toEqual([
      [1, 2],
      [3, 4],
      [5, 5],
    ]);
  });

  it('never puts more than 65535 parameters into one statement, even with no batch limit', () => {
    const columns = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const rows = Array.from({ length: 7000 }, () =>
      inserted(
        columns,
        columns.map(() => '1'),
      ),
    );

    const statements = plan(new StatementBatcher(T, 'INSERT', [], 0), rows);

    expect(statements.map((s) => s.values.length)).toEqual([65_530, 4_470]);
    expect(Math.max(...statements.map((s) => s.values.length))).toBeLessThanOrEqual(MAX_PARAMETERS);
  });

  it('starts a new UPSERT statement when a key repeats, so the later record wins', () => {
    const statements = plan(new StatementBatcher(T, 'UPSERT', ['id'], 1000), [
      inserted(['id', 'v'], ['1', 'a']),
      inserted(['id', 'v'], ['2', 'b']),
      inserted(['id', 'v'], ['1', 'c']),
    ]);

    expect(statements.map((s) => [s.firstRecord, s.lastRecord])).toEqual([
      [1, 2],
      [3, 3],
    ]);
    expect(statements[0]?.text).toContain('ON CONFLICT ("id") DO UPDATE SET "v" = EXCLUDED."v"');
  });

  it('writes one UPDATE or DELETE per row, set values before key values', () => {
    const update = new StatementBatcher(T, 'UPDATE', ['id'], 1000);
    const row: Row = {
      columns: ['v'],
      values: ['new'],
      conditions: [{ column: 'id', isNull: false }],
      conditionValues: ['9'],
      warnings: [],
    };

    expect(update.add(row, 4)).toEqual([
      {
        text: 'UPDATE "public"."t" SET "v" = $1 WHERE "id" = $2',
        values: ['new', '9'],
        firstRecord: 4,
        lastRecord: 4,
      },
    ]);
    expect(update.flush()).toBeUndefined();
    expect(
      new StatementBatcher(T, 'DELETE', [], 1000).add({ ...row, columns: [], values: [] }, 1),
    ).toEqual([
      {
        text: 'DELETE FROM "public"."t" WHERE "id" = $1',
        values: ['9'],
        firstRecord: 1,
        lastRecord: 1,
      },
    ]);
  });
});
