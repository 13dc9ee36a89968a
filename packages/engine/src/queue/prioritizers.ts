import type { FlowFile } from '../flowfile/flowfile.js';

/** The prioritizers a connection can apply, in order, as NiFi's. */
export type PrioritizerName = 'FIFO' | 'OLDEST_FIRST' | 'NEWEST_FIRST' | 'PRIORITY_ATTRIBUTE';

/** A flowfile in a queue with its arrival sequence, which breaks ties as FIFO. */
export interface QueuedFlowFile {
  readonly flowFile: FlowFile;
  readonly sequence: number;
}

type Comparator = (a: QueuedFlowFile, b: QueuedFlowFile) => number;

/**
 * NiFi's PriorityAttributePrioritizer: numeric `priority` values first, lowest first; then
 * non-numeric values in string order; flowfiles without the attribute last.
 */
function comparePriorityAttribute(a: QueuedFlowFile, b: QueuedFlowFile): number {
  const pa = a.flowFile.attributes['priority'];
  const pb = b.flowFile.attributes['priority'];
  if (pa === pb) return 0;
  if (pa === undefined) return 1;
  if (pb === undefined) return -1;
  const na = /^-?\d+$/.test(pa) ? Number(pa) : undefined;
  const nb = /^-?\d+$/.test(pb) ? Number(pb) : undefined;
  if (na !== undefined && nb !== undefined) return na - nb;
  if (na !== undefined) return -1;
  if (nb !== undefined) return 1;
  return pa < pb ? -1 : 1;
}

function comparatorOf(name: PrioritizerName): Comparator {
  switch (name) {
    case 'FIFO':
      return compareFifo;
    case 'OLDEST_FIRST':
      return (a, b) => a.flowFile.entryDate - b.flowFile.entryDate;
    case 'NEWEST_FIRST':
      return (a, b) => b.flowFile.entryDate - a.flowFile.entryDate;
    case 'PRIORITY_ATTRIBUTE':
      return comparePriorityAttribute;
    default: {
      const exhaustive: never = name;
      throw new Error(`Unknown prioritizer ${String(exhaustive)}`);
    }
  }
}

/** First in, first out: by persisted queue order, then by arrival in this process. */
function compareFifo(a: QueuedFlowFile, b: QueuedFlowFile): number {
  const qa = a.flowFile.queueOrder;
  const qb = b.flowFile.queueOrder;
  if (qa !== undefined && qb !== undefined && qa !== qb) return qa - qb;
  return a.sequence - b.sequence;
}

/** Builds the queue order from a connection's prioritizers; arrival order breaks every tie. */
export function queueComparator(prioritizers: readonly PrioritizerName[]): Comparator {
  const comparators = prioritizers.map(comparatorOf);
  return (a, b) => {
    for (const compare of comparators) {
      const c = compare(a, b);
      if (c !== 0) return c;
    }
    return compareFifo(a, b);
  };
}
