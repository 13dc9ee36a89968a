import { describe, expect, it } from 'vitest';
import { eventContent } from './event-content.js';
import type { ProvenanceEvent, ProvenanceEventType } from './provenance-event.js';

const claim = { file: '3.claim', offset: 10, length: 5 };
const before = { file: '2.claim', offset: 0, length: 7 };

function event(type: ProvenanceEventType, extra: Partial<ProvenanceEvent> = {}): ProvenanceEvent {
  return {
    eventId: 1,
    type,
    time: 0,
    flowFileId: 'f',
    componentId: 'c',
    componentType: 'T',
    attributes: {},
    size: 5,
    contentClaim: claim,
    lineageStartDate: 0,
    ...extra,
  };
}

describe('eventContent', () => {
  it('gives a content change both sides: the previous claim in, the claim out', () => {
    const modified = event('CONTENT_MODIFIED', { previousContentClaim: before });
    expect(eventContent(modified, 'input')).toEqual({ kind: 'claim', claim: before });
    expect(eventContent(modified, 'output')).toEqual({ kind: 'claim', claim });
  });

  it('gives events that pass content on the same content on both sides', () => {
    for (const type of ['SEND', 'DROP', 'ROUTE', 'CLONE', 'ATTRIBUTES_MODIFIED'] as const) {
      expect(eventContent(event(type), 'input')).toEqual({ kind: 'claim', claim });
    }
  });

  it('has no input for events that bring new content, or a change recorded without it', () => {
    for (const type of [
      'CREATE',
      'RECEIVE',
      'FETCH',
      'FORK',
      'JOIN',
      'CONTENT_MODIFIED',
    ] as const) {
      expect(eventContent(event(type), 'input')).toEqual({ kind: 'none' });
    }
  });

  it('calls zero bytes empty, with or without a claim', () => {
    expect(eventContent(event('CREATE', { contentClaim: null, size: 0 }), 'output')).toEqual({
      kind: 'empty',
    });
    const zero = { ...claim, length: 0 };
    expect(eventContent(event('SEND', { contentClaim: zero }), 'input')).toEqual({
      kind: 'empty',
    });
  });
});
