import { describe, expect, it } from 'vitest';
import { findDuplicateIds } from './duplicates.js';
import { flowSchema } from './schema.js';

describe('findDuplicateIds', () => {
  it('finds ids repeated across different kinds of component, at each repeat', () => {
    const flow = flowSchema.parse({
      id: 'f',
      name: 'F',
      processors: [
        { id: 'x', type: 'T', name: 'a', position: { x: 0, y: 0 } },
        { id: 'y', type: 'T', name: 'b', position: { x: 0, y: 0 } },
      ],
      controllerServices: [{ id: 'x', type: 'S', name: 's' }],
      parameterContexts: [{ id: 'x', name: 'ctx' }],
    });

    expect(findDuplicateIds(flow)).toEqual([
      {
        path: 'flow.controllerServices[0].id',
        message: 'duplicate id "x" (already used at flow.processors[0].id)',
      },
      {
        path: 'flow.parameterContexts[0].id',
        message: 'duplicate id "x" (already used at flow.processors[0].id)',
      },
    ]);
  });

  it('finds nothing when every id is unique', () => {
    expect(findDuplicateIds(flowSchema.parse({ id: 'f', name: 'F' }))).toEqual([]);
  });
});
