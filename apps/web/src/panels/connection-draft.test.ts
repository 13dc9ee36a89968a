import { describe, expect, it } from 'vitest';
import {
  connectionChangeOf,
  connectionIssues,
  draftFromConnection,
  parseThreshold,
} from './connection-draft.js';
import { connectionOf } from './test-fixtures.js';

const base = draftFromConnection(connectionOf({ prioritizers: ['FIFO'] }));

describe('connection draft', () => {
  it('starts from the saved settings as text', () => {
    expect(base).toEqual({
      name: '',
      objectThreshold: '10000',
      dataSizeThreshold: '1 GB',
      expiration: '0 sec',
      prioritizers: ['FIFO'],
    });
  });

  it('sends only what changed, the object threshold as a number', () => {
    expect(connectionChangeOf(base, base)).toEqual({});
    expect(
      connectionChangeOf(base, { ...base, objectThreshold: '5', expiration: '1 min' }),
    ).toEqual({ backPressure: { objectThreshold: 5 }, expiration: '1 min' });
    expect(connectionChangeOf(base, { ...base, prioritizers: ['NEWEST_FIRST', 'FIFO'] })).toEqual({
      prioritizers: ['NEWEST_FIRST', 'FIFO'],
    });
  });

  it('checks thresholds and expiration with the flow schema’s rules and words', () => {
    expect(connectionIssues(base)).toEqual([]);
    const issues = connectionIssues({
      ...base,
      objectThreshold: '-1',
      dataSizeThreshold: '1 GBs',
      expiration: 'never',
    });
    expect(issues.map((i) => i.field)).toEqual([
      'objectThreshold',
      'dataSizeThreshold',
      'expiration',
    ]);
    expect(issues[1]!.message).toMatch(
      /^Back pressure size threshold: Invalid data size "1 GBs": expected/,
    );
    expect(issues[2]!.message).toMatch(/^FlowFile expiration: Invalid duration "never": expected/);
  });

  it('reads a threshold only as a whole number of 0 or more', () => {
    expect(parseThreshold('0')).toBe(0);
    expect(parseThreshold(' 12 ')).toBe(12);
    for (const text of ['', '-1', '1.5', '1e3', '99999999999999999999']) {
      expect(parseThreshold(text)).toBeUndefined();
    }
  });
});
