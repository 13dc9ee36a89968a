import { describe, expect, it } from 'vitest';
import { processor, processorStatus } from '../testing/fixtures.js';
import { displayState } from './display-state.js';

describe('displayState', () => {
  it('shows a stopped processor with validation errors as INVALID', () => {
    const p = processor('p');
    expect(displayState(p, processorStatus('p', 0, { validationErrors: ['x'] }))).toBe('INVALID');
    expect(displayState(p, processorStatus('p', 0, { state: 'RUNNING' }))).toBe('RUNNING');
    expect(
      displayState(p, processorStatus('p', 0, { state: 'DISABLED', validationErrors: ['x'] })),
    ).toBe('DISABLED');
  });

  it('falls back to the saved state before any live status arrived', () => {
    expect(displayState(processor('p', { state: 'DISABLED' }), undefined)).toBe('DISABLED');
  });
});
