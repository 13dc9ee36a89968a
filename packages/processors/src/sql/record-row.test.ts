import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json/json-value.js';
import { ColumnMatcher } from './column-matcher.js';
import { rowOf, type RowSettings, type StatementType } from './record-row.js';
import type { ColumnInfo } from './table-schema.js';

function column(name: string, udtName: string, extra: Partial<ColumnInfo> = {}): ColumnInfo {
  return {
    name,
    dataType: udtName,
    udtName,
    nullable: true,
    hasDefault: false,
    identity: false,
    generated: false,
    ...extra,
  };
}

const COLUMNS = [
  column('id', 'int4', { nullable: false }),
  column('user_name', 'text', { nullable: false }),
  column('payload', 'jsonb'),
  column('created', 'timestamptz', { nullable: false, hasDefault: true }),
];

function settings(statementType: StatementType, extra: Partial<RowSettings> = {}): RowSettings {
  return {
    statementType,
    matcher: new ColumnMatcher(COLUMNS, true, false),
    failOnUnmatchedField: false,
    unmatchedColumns: 'fail',
    keys: statementType === 'INSERT' || statementType === 'DELETE' ? undefined : ['id'],
    binaryFormat: 'UTF-8',
    ...extra,
  };
}

const row = (record: JsonObject, s: RowSettings) => {
  const reading = rowOf(record, s);
  if (!reading.ok) throw new Error(reading.reason);
  return reading.row;
};
const reason = (record: JsonObject, s: RowSettings) => {
  const reading = rowOf(record, s);
  if (reading.ok) throw new Error('the record was accepted');
  return reading.reason;
};

describe('ColumnMatcher', () => {
  it('translates field names as NiFi does: case-insensitive, ignoring underscores; exact names win', () => {
    const matcher = new ColumnMatcher(
      [column('user_id', 'int4'), column('userid', 'int4')],
      true,
      false,
    );

    expect(matcher.forField('USER_ID')?.name).toBe('user_id');
    expect(matcher.forField('userid')?.name).toBe('userid');
    expect(matcher.forField('User_Id')?.name).toBe('user_id');
  });

  it('matches field names exactly without Translate Field Names', () => {
    const matcher = new ColumnMatcher(COLUMNS, false, false);

    expect(matcher.forField('user_name')?.name).toBe('user_name');
    expect(matcher.forField('userName')).toBeUndefined();
  });

  it('reads configured names in lower case unless Quote Column Identifiers is set', () => {
    const columns = [column('Id', 'int4'), column('name', 'text')];

    expect(new ColumnMatcher(columns, false, false).forConfiguredName('NAME')?.name).toBe('name');
    expect(new ColumnMatcher(columns, false, true).forConfiguredName('NAME')).toBeUndefined();
    expect(new ColumnMatcher(columns, false, true).forConfiguredName('Id')?.name).toBe('Id');
  });
});

describe('rowOf', () => {
  it('maps fields to columns in record order and converts their values', () => {
    expect(
      row({ userName: 'kim', id: '7', payload: { a: [1] }, extra: 1 }, settings('INSERT')),
    ).toEqual({
      columns: ['user_name', 'id', 'payload'],
      values: ['kim', '7', '{"a":[1]}'],
      conditions: [],
      conditionValues: [],
      warnings: [],
    });
  });

  it('refuses a value of the wrong type, naming the field, the column and its type', () => {
    expect(reason({ id: 'seven', user_name: 'kim' }, settings('INSERT'))).toBe(
      "field 'id' cannot be written to column 'id' (int4): \"seven\" is not a whole number",
    );
  });

  it('refuses unmatched fields with Fail on Unmatched Fields, listing the columns', () => {
    expect(
      reason(
        { id: 1, user_name: 'kim', nope: 1 },
        settings('INSERT', { failOnUnmatchedField: true }),
      ),
    ).toBe(
      "field 'nope' does not map to any column of the table (columns: id, user_name, payload, created)",
    );
  });

  it('refuses two fields writing one column, and a record writing no column', () => {
    expect(reason({ user_name: 'a', userName: 'b', id: 1 }, settings('INSERT'))).toBe(
      "fields 'user_name' and 'userName' both map to column 'user_name'",
    );
    expect(reason({ other: 1 }, settings('INSERT'))).toContain(
      'none of its fields map to a column',
    );
  });

  it('checks required columns (NOT NULL without default) by Unmatched Column Behavior', () => {
    expect(reason({ id: 1 }, settings('INSERT'))).toBe(
      "has no value for the required column 'user_name' (NOT NULL without a default)",
    );
    expect(row({ id: 1 }, settings('INSERT', { unmatchedColumns: 'warn' })).warnings).toEqual([
      "has no value for the required column 'user_name' (NOT NULL without a default)",
    ]);
    expect(row({ id: 1 }, settings('INSERT', { unmatchedColumns: 'ignore' })).warnings).toEqual([]);
  });

  it('updates the non-key fields where the keys match, NULL keys matched with IS NULL', () => {
    expect(row({ payload: [1], id: 3 }, settings('UPDATE'))).toMatchObject({
      columns: ['payload'],
      values: ['[1]'],
      conditions: [{ column: 'id', isNull: false }],
      conditionValues: ['3'],
    });
    expect(
      row({ payload: 1, user_name: null }, settings('UPDATE', { keys: ['user_name'] })),
    ).toMatchObject({
      conditions: [{ column: 'user_name', isNull: true }],
      conditionValues: [],
    });
  });

  it('always refuses an UPDATE without its key, which would change every row', () => {
    expect(reason({ payload: 1 }, settings('UPDATE', { unmatchedColumns: 'ignore' }))).toBe(
      "has no value for the key column 'id', so the row to update is unknown",
    );
    expect(reason({ id: 1 }, settings('UPDATE'))).toBe(
      'has no field to update besides its key columns',
    );
  });

  it('deletes on every field by default, or on the Delete Keys, which must be present', () => {
    expect(row({ id: 1, payload: null }, settings('DELETE'))).toMatchObject({
      columns: [],
      conditions: [
        { column: 'id', isNull: false },
        { column: 'payload', isNull: true },
      ],
      conditionValues: ['1'],
    });
    expect(row({ id: 1, payload: 2 }, settings('DELETE', { keys: ['id'] })).conditions).toEqual([
      { column: 'id', isNull: false },
    ]);
    expect(reason({ payload: 2 }, settings('DELETE', { keys: ['id'] }))).toContain(
      "Delete Key column 'id'",
    );
  });

  it('checks the conflict key of UPSERT by Unmatched Column Behavior', () => {
    const upsert = settings('UPSERT', { keys: ['user_name'] });

    expect(reason({ id: 1 }, { ...upsert, unmatchedColumns: 'fail' })).toContain("'user_name'");
    expect(row({ id: 1, user_name: 'a' }, upsert).columns).toEqual(['id', 'user_name']);
  });
});
