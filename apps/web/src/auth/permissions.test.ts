import { describe, expect, it } from 'vitest';
import { allows } from './permissions.js';

describe('allows', () => {
  it('ranks viewer < operator < editor < admin, as the server does', () => {
    expect(allows('viewer', 'viewer')).toBe(true);
    expect(allows('viewer', 'operator')).toBe(false);
    expect(allows('operator', 'operator')).toBe(true);
    expect(allows('operator', 'editor')).toBe(false);
    expect(allows('editor', 'operator')).toBe(true);
    expect(allows('admin', 'editor')).toBe(true);
    expect(allows('editor', 'admin')).toBe(false);
  });
});
