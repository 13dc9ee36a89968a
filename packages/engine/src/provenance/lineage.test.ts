import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventNodeId, type LineageGraph } from './lineage.js';
import type { NewProvenanceEvent, ProvenanceEventType } from './provenance-event.js';
import { ProvenanceRepository } from './provenance-repository.js';

let dir: string;
let repository: ProvenanceRepository;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-lineage-'));
  repository = await ProvenanceRepository.open(dir, { rollBytes: 600 });
});

afterEach(async () => {
  await repository.close();
  await rm(dir, { recursive: true, force: true });
});

let clock = 0;
function event(
  type: ProvenanceEventType,
  flowFileId: string,
  extra: Partial<NewProvenanceEvent> = {},
): NewProvenanceEvent {
  return {
    type,
    time: 1_700_000_000_000 + clock++,
    flowFileId,
    componentId: `${type.toLowerCase()}-processor`,
    componentType: type,
    attributes: { uuid: flowFileId },
    size: 0,
    contentClaim: null,
    lineageStartDate: 1_700_000_000_000,
    ...extra,
  };
}

function flowFilesOf(graph: LineageGraph): string[] {
  return graph.nodes
    .filter((node) => node.type === 'flowfile')
    .map((node) => node.id)
    .sort();
}

function linksOf(graph: LineageGraph): string[] {
  return graph.links.map((link) => `${link.source} -> ${link.target}`);
}

describe('provenance lineage', () => {
  it('follows a CLONE, FORK and JOIN chain both ways from any flowfile', async () => {
    // given: a is received and cloned to b; b is forked into c and d; c and d are joined into e;
    // x is unrelated. Events are written one at a time, so they spread over several files.
    const events = [
      event('RECEIVE', 'a'), // 1
      event('CLONE', 'a', { childIds: ['b'] }), // 2: about the parent, as in NiFi
      event('RECEIVE', 'x'), // 3
      event('FORK', 'b', { childIds: ['c', 'd'] }), // 4
      event('ATTRIBUTES_MODIFIED', 'c'), // 5
      event('JOIN', 'e', { parentIds: ['c', 'd'] }), // 6: about the child
      event('SEND', 'e'), // 7
      event('DROP', 'x'), // 8
    ];
    for (const e of events) {
      repository.append([e]);
      await repository.flush();
    }

    // when
    const fromLeaf = await repository.lineage('e');
    const fromMiddle = await repository.lineage('d');

    // then the whole family is found from a descendant and from the middle, and x is not
    expect(flowFilesOf(fromLeaf)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(flowFilesOf(fromMiddle)).toEqual(['a', 'b', 'c', 'd', 'e']);
    const eventIds = fromLeaf.nodes.flatMap((node) =>
      node.type === 'event' ? [node.eventId] : [],
    );
    expect(eventIds).toEqual([1, 2, 4, 5, 6, 7]);
    expect(linksOf(fromLeaf)).toEqual([
      `a -> ${eventNodeId(1)}`,
      `${eventNodeId(1)} -> ${eventNodeId(2)}`,
      `${eventNodeId(2)} -> b`,
      `b -> ${eventNodeId(4)}`,
      `${eventNodeId(4)} -> c`,
      `${eventNodeId(4)} -> d`,
      `c -> ${eventNodeId(5)}`,
      `e -> ${eventNodeId(6)}`,
      `${eventNodeId(5)} -> ${eventNodeId(6)}`,
      `d -> ${eventNodeId(6)}`,
      `${eventNodeId(6)} -> ${eventNodeId(7)}`,
    ]);
  });

  it('is just the flowfile and its events when it has no relatives', async () => {
    // given
    repository.append([event('CREATE', 'solo'), event('DROP', 'solo')]);

    // when
    const graph = await repository.lineage('solo');

    // then
    expect(flowFilesOf(graph)).toEqual(['solo']);
    expect(graph.links).toHaveLength(2);
  });
});
