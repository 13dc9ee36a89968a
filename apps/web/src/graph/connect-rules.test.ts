import { describe, expect, it } from 'vitest';
import { connection, processor, smallCatalog } from '../testing/fixtures.js';
import { canConnect, connectableRelationships } from './connect-rules.js';

const catalog = smallCatalog();

describe('canConnect', () => {
  const gen = processor('g', { type: 'GenerateFlowFile' });
  const replace = processor('r', { type: 'ReplaceText' });
  const sink = processor('s', { type: 'Sink' });

  it('accepts a connection into a processor that takes input, and a self-loop with relationships', () => {
    expect(canConnect(gen, replace, catalog).ok).toBe(true);
    expect(canConnect(replace, replace, catalog).ok).toBe(true);
  });

  it('refuses a connection into a processor whose input is forbidden', () => {
    expect(canConnect(replace, gen, catalog)).toEqual({
      ok: false,
      reason: 'GenerateFlowFile takes no input',
    });
  });

  it('refuses a source without relationships, self-loops included', () => {
    expect(canConnect(sink, replace, catalog).ok).toBe(false);
    expect(canConnect(sink, sink, catalog).ok).toBe(false);
  });

  it('refuses ends that are not processors', () => {
    expect(canConnect(undefined, replace, catalog).ok).toBe(false);
  });
});

describe('connectableRelationships', () => {
  it('leaves out the relationships already connected to the same destination', () => {
    const replace = processor('r', { type: 'ReplaceText' });
    const connections = [
      connection('c1', 'r', 'log', ['success']),
      connection('c2', 'r', 'other', ['failure']),
    ];
    expect(connectableRelationships(replace, 'log', catalog.ReplaceText, connections)).toEqual([
      'failure',
    ]);
    expect(connectableRelationships(replace, 'other', catalog.ReplaceText, connections)).toEqual([
      'success',
    ]);
  });
});
