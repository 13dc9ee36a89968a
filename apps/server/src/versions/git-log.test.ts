import { describe, expect, it } from 'vitest';
import { parseLog } from './git-log.js';

describe('parseLog', () => {
  it('reads versions newest first, keeping multi-line messages whole', () => {
    // Given what git log prints with LOG_FORMAT for two commits
    const output =
      'a1b2c3d4e5f6\x1fAda\x1fada@example.com\x1f2026-11-26T12:00:00+00:00\x1fv2: wrap lines\n\nbecause\n\x1e\n' +
      '0f0e0d0c0b0a\x1fSluice\x1fsluice@localhost\x1f2026-11-25T08:30:00+00:00\x1fv1\n\x1e\n';
    // Then each becomes a version
    expect(parseLog(output)).toEqual([
      {
        hash: 'a1b2c3d4e5f6',
        shortHash: 'a1b2c3d4',
        message: 'v2: wrap lines\n\nbecause',
        author: { name: 'Ada', email: 'ada@example.com' },
        date: '2026-11-26T12:00:00+00:00',
      },
      {
        hash: '0f0e0d0c0b0a',
        shortHash: '0f0e0d0c',
        message: 'v1',
        author: { name: 'Sluice', email: 'sluice@localhost' },
        date: '2026-11-25T08:30:00+00:00',
      },
    ]);
  });

  it('reads no version from empty output', () => {
    expect(parseLog('')).toEqual([]);
    expect(parseLog('\n')).toEqual([]);
  });
});
