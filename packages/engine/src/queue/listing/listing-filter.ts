import type { FlowFile } from '../../flowfile/flowfile.js';
import type { QueueFilter } from './listing-query.js';

/** Tests a flowfile's attributes against a filter. */
export type FlowFileMatcher = (attributes: FlowFile['attributes']) => boolean;

/**
 * The matcher of a filter, or undefined when it matches everything (empty text). Case is ignored
 * by lower-casing both sides, which is right for the ASCII and most Unicode text attributes hold.
 */
export function matcherOf(filter: QueueFilter | undefined): FlowFileMatcher | undefined {
  const needle = filter?.text.toLowerCase() ?? '';
  if (needle === '') return undefined;
  const attribute = filter?.attribute;
  if (attribute !== undefined && attribute !== '') {
    return (attributes) => {
      const value = attributes[attribute];
      return value !== undefined && contains(value, needle);
    };
  }
  return (attributes) => {
    for (const key in attributes) if (contains(attributes[key]!, needle)) return true;
    return false;
  };
}

/** A stable key of a filter, for caching its results ('' when it matches everything). */
export function filterKey(filter: QueueFilter | undefined): string {
  const text = filter?.text.toLowerCase() ?? '';
  if (text === '') return '';
  return `${filter?.attribute ?? ''}\u0000${text}`;
}

function contains(value: string, needle: string): boolean {
  // Most values are ids and names shorter than the needle or without it in any case: check the
  // exact case first, lower-casing (an allocation) only when that fails.
  return value.includes(needle) || value.toLowerCase().includes(needle);
}
