import { describe, expect, it } from 'vitest';
import { FlowValidationError } from './errors.js';

describe('FlowValidationError', () => {
  it('lists every issue as a "path: message" line below a summary', () => {
    const error = new FlowValidationError([
      { path: 'flow.id', message: 'must be a non-empty string' },
      { path: 'flow.processors[1].type', message: 'is required (expected string)' },
    ]);

    expect(error.message.split('\n')).toEqual([
      'Invalid flow document (2 problems):',
      'flow.id: must be a non-empty string',
      'flow.processors[1].type: is required (expected string)',
    ]);
    expect(error.issues).toHaveLength(2);
    expect(error.name).toBe('FlowValidationError');
    expect(error.code).toBe('FLOW_VALIDATION_FAILED');
    expect(error).toBeInstanceOf(Error);
  });
});
