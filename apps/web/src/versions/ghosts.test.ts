import { describe, expect, it } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, ghostsOf } from './ghosts.js';
import type { VersionDiffView } from './types.js';

const diff: VersionDiffView = {
  from: { kind: 'working' },
  to: { kind: 'working' },
  diff: {
    flow: [],
    components: [
      {
        change: 'removed',
        kind: 'processor',
        id: 'old',
        name: 'Old',
        fields: [],
        sketch: { type: 'LogAttribute', position: { x: 500, y: 0 } },
      },
      {
        change: 'changed',
        kind: 'processor',
        id: 'kept',
        name: 'Kept',
        fields: [],
        sketch: { type: 'ReplaceText', position: { x: 0, y: 0 } },
      },
      {
        change: 'removed',
        kind: 'connection',
        id: 'c',
        name: 'Kept → Old (success)',
        fields: [],
        sketch: { source: 'kept', destination: 'old', relationships: ['success'] },
      },
      {
        change: 'removed',
        kind: 'connection',
        id: 'orphan',
        name: 'x',
        fields: [],
        sketch: { source: 'gone', destination: 'old', relationships: ['success'] },
      },
      {
        change: 'removed',
        kind: 'label',
        id: 'note',
        name: 'Note',
        fields: [],
        sketch: { position: { x: 1, y: 2 }, size: { width: 100, height: 50 }, text: 'Note' },
      },
    ],
  },
};

describe('ghostsOf', () => {
  it('draws what the canvas lacks, with connections between cards and ghosts', () => {
    // Given a canvas showing 'kept' moved to (0, 300), and no label
    const ghosts = ghostsOf(diff, {
      processors: new Map([['kept', { x: 0, y: 300 }]]),
      labels: new Set(),
      connections: new Set(),
    });
    // Then 'old' is a ghost, and its connection runs from the card as it is now to the ghost
    expect(ghosts.processors.map((p) => [p.id, p.change, p.position])).toEqual([
      ['old', 'removed', { x: 500, y: 0 }],
    ]);
    expect(ghosts.connections).toEqual([
      {
        id: 'c',
        change: 'removed',
        from: { x: CARD_WIDTH, y: 300 + CARD_HEIGHT / 2 },
        to: { x: 500, y: CARD_HEIGHT / 2 },
      },
    ]);
    expect(ghosts.labels.map((l) => l.id)).toEqual(['note']);
  });

  it('draws nothing for what the canvas shows', () => {
    const ghosts = ghostsOf(diff, {
      processors: new Map([
        ['kept', { x: 0, y: 0 }],
        ['old', { x: 500, y: 0 }],
      ]),
      labels: new Set(['note']),
      connections: new Set(['c']),
    });
    expect(ghosts).toEqual({ processors: [], labels: [], connections: [] });
  });
});
