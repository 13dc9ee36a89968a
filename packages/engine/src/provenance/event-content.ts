import type { ContentClaim } from '../content/content-claim.js';
import type { ProvenanceEvent, ProvenanceEventType } from './provenance-event.js';

/** The content an event saw: `input` before it, `output` after it (NiFi's two content sides). */
export type ContentSide = 'input' | 'output';

/**
 * The content of one side of an event: `none` when the event does not record that side (a
 * CREATE has no input), `empty` for zero bytes (no claim is written for them), else its claim.
 */
export type EventContent =
  | { readonly kind: 'none' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'claim'; readonly claim: ContentClaim };

/**
 * Events that pass the content on as it was: their input is their output. The others bring new
 * content (CREATE, RECEIVE, FETCH, FORK, JOIN) or changed it (CONTENT_MODIFIED, whose input is
 * kept as `previousContentClaim`).
 */
function keepsContent(type: ProvenanceEventType): boolean {
  switch (type) {
    case 'SEND':
    case 'DROP':
    case 'EXPIRE':
    case 'ROUTE':
    case 'ATTRIBUTES_MODIFIED':
    case 'CLONE':
      return true;
    case 'CREATE':
    case 'RECEIVE':
    case 'FETCH':
    case 'CONTENT_MODIFIED':
    case 'FORK':
    case 'JOIN':
      return false;
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

function ofClaim(claim: ContentClaim | null): EventContent {
  return claim === null || claim.length === 0 ? { kind: 'empty' } : { kind: 'claim', claim };
}

/** Where the content of one side of an event is, as far as the event recorded it. */
export function eventContent(event: ProvenanceEvent, side: ContentSide): EventContent {
  if (side === 'output') return ofClaim(event.contentClaim);
  if (event.previousContentClaim !== undefined) return ofClaim(event.previousContentClaim);
  if (keepsContent(event.type)) return ofClaim(event.contentClaim);
  // A CONTENT_MODIFIED without a previous claim had no content before, or was recorded before
  // previous claims were kept: the two cannot be told apart, so nothing is claimed.
  return { kind: 'none' };
}
