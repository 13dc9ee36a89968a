import type { EventType } from './types.js';

/**
 * How an event type is drawn: what brought a flowfile in, what changed it, what split or joined
 * it, what sent it out, and what ended it.
 */
export type EventCategory = 'origin' | 'change' | 'branch' | 'route' | 'exit' | 'end';

/** The category of an event type, for its colour in tables and in the lineage. */
export function eventCategory(type: EventType): EventCategory {
  switch (type) {
    case 'CREATE':
    case 'RECEIVE':
    case 'FETCH':
      return 'origin';
    case 'CONTENT_MODIFIED':
    case 'ATTRIBUTES_MODIFIED':
      return 'change';
    case 'CLONE':
    case 'FORK':
    case 'JOIN':
      return 'branch';
    case 'ROUTE':
      return 'route';
    case 'SEND':
      return 'exit';
    case 'DROP':
    case 'EXPIRE':
      return 'end';
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

/** A flowfile id short enough for a box or a cell; the whole id is in its title. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}
