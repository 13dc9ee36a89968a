import { describe, expect, it } from 'vitest';
import { newFlowFileId } from './flowfile-id.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('flowfile ids', () => {
  it('are random version 4 UUIDs, distinct across refills of the random pool', () => {
    // given / when
    const ids = Array.from({ length: 5000 }, () => newFlowFileId());

    // then
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
