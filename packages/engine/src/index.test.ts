import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './index.js';

describe('toolchain', () => {
  it('resolves workspace sources', () => {
    expect(SCHEMA_VERSION).toBe(1);
  });
});
