import { describe, expect, it } from 'vitest';
import { formatJsonPath } from './json-path.js';

describe('formatJsonPath', () => {
  it('joins keys with dots and writes indexes in brackets', () => {
    expect(formatJsonPath(['flow', 'processors', 2, 'scheduling', 'period'])).toBe(
      'flow.processors[2].scheduling.period',
    );
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatJsonPath(['flow', 'processors', 0, 'properties', 'Search Value'])).toBe(
      'flow.processors[0].properties["Search Value"]',
    );
  });

  it('names the whole document $ when the path is empty', () => {
    expect(formatJsonPath([])).toBe('$');
  });
});
