import { describe, expect, it } from 'vitest';
import { untitledName } from './flows.js';

describe('untitledName', () => {
  it('numbers new flows after the ones already untitled', () => {
    expect(untitledName(['Demo'])).toBe('Untitled flow');
    expect(untitledName(['Untitled flow', 'Untitled flow 2'])).toBe('Untitled flow 3');
  });
});
