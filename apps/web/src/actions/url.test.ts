import { describe, expect, it } from 'vitest';
import { flowIdFromPath, pathOfFlow } from './url.js';

describe('flow URLs', () => {
  it('reads the flow id of /flows/<id> and writes it back', () => {
    expect(flowIdFromPath('/flows/local-demo')).toBe('local-demo');
    expect(flowIdFromPath('/flows/a%20b/')).toBe('a b');
    expect(pathOfFlow('a b')).toBe('/flows/a%20b');
  });

  it('gives null for other paths', () => {
    expect(flowIdFromPath('/')).toBeNull();
    expect(flowIdFromPath('/flows/')).toBeNull();
    expect(flowIdFromPath('/flows/a/b')).toBeNull();
    expect(flowIdFromPath('/flows/%E0%A4%A')).toBeNull();
  });
});
