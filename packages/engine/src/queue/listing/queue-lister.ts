import type { FlowFile } from '../../flowfile/flowfile.js';
import { filterKey, matcherOf, type FlowFileMatcher } from './listing-filter.js';
import type {
  QueueFilter,
  QueueListingPage,
  QueueListingQuery,
  QueuedFlowFileSummary,
  QueueSortField,
  SortDirection,
} from './listing-query.js';
import { partAt, partsOf, type QueueView, type ViewPart } from './queue-view.js';
import { sortOrder } from './sort-order.js';
import { columnValue, queuedDateOf } from './swap-index.js';
import {
  SwapListingCache,
  type SwapFileReader,
  type SwapListingCacheOptions,
} from './swap-listing-cache.js';

/** What the lister needs of a connection queue. */
export interface ListableQueue {
  readonly id: string;
  readonly version: number;
  view(): QueueView;
}

/** A queued flowfile found by id, with its 1-based queue position. */
export interface QueuedFlowFile {
  readonly flowFile: FlowFile;
  readonly position: number;
}

/** The order of a listing (queue positions, sorted and filtered), kept while the queue is unchanged. */
interface CachedOrder {
  readonly key: string;
  readonly positions: Float64Array;
}

/** A listing sorted ascending by a field, with its sorted keys, to serve either direction. */
interface CachedSort {
  readonly key: string;
  readonly positions: Float64Array;
  readonly keys: Float64Array;
}

interface QueueState {
  readonly cache: SwapListingCache;
  last?: CachedOrder;
  sorted?: CachedSort;
}

/** A listing gives up after this many views changed under it (swap files swapped in meanwhile). */
const ATTEMPTS = 4;

/**
 * Lists what connection queues hold, swapped records included, page by page: sorted by queue
 * position, size or a date, filtered by attribute values. Records in memory are listed as they
 * are; swap files are read read-only and what is derived from them is cached (see
 * {@link SwapListingCache}), so paging through a queue of a million mostly swapped flowfiles reads
 * one swap file per page in queue order, and a sort or a filter reads each swap file once.
 */
export class QueueLister {
  readonly #queues = new Map<string, QueueState>();

  constructor(
    private readonly reader: SwapFileReader,
    private readonly options: SwapListingCacheOptions = {},
  ) {}

  /** One page of a queue's listing and how many flowfiles match in all. */
  list(queue: ListableQueue, query: QueueListingQuery): Promise<QueueListingPage> {
    return this.#retrying(queue, (view) => this.#list(this.#state(queue.id), view, query));
  }

  /** A queued flowfile by id, or undefined when it is not (or no longer) in the queue. */
  find(queue: ListableQueue, id: string): Promise<QueuedFlowFile | undefined> {
    return this.#retrying(queue, (view) => this.#find(this.#state(queue.id), view, id));
  }

  /** Drops what is cached for a queue (removed from the flow). */
  forget(queueId: string): void {
    this.#queues.get(queueId)?.cache.clear();
    this.#queues.delete(queueId);
  }

  /** Drops every cache. */
  close(): void {
    for (const id of [...this.#queues.keys()]) this.forget(id);
  }

  /**
   * Runs `work` on a fresh view of the queue. A swap file can be swapped in (and deleted) while it
   * is being read; the queue's version has then moved on, and the work starts again on a new view.
   */
  async #retrying<T>(queue: ListableQueue, work: (view: QueueView) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const view = queue.view();
      try {
        return await work(view);
      } catch (error) {
        if (attempt >= ATTEMPTS || queue.version === view.version) throw error;
      }
    }
  }

  #state(queueId: string): QueueState {
    let state = this.#queues.get(queueId);
    if (!state) {
      state = { cache: new SwapListingCache(this.reader, this.options) };
      this.#queues.set(queueId, state);
    }
    return state;
  }

  async #list(
    state: QueueState,
    view: QueueView,
    query: QueueListingQuery,
  ): Promise<QueueListingPage> {
    const { parts, total } = partsOf(view);
    state.cache.retain(new Set(view.swapFiles.map((s) => s.file)));
    const sort = query.sort ?? 'position';
    const direction = query.direction ?? 'asc';
    const matcher = matcherOf(query.filter);
    const offset = Math.max(0, Math.floor(query.offset));
    const limit = Math.max(0, Math.floor(query.limit));
    let matching: number;
    let page: ArrayLike<number>;
    if (!matcher && sort === 'position') {
      // Queue order unfiltered: the page's positions are known without looking at any record.
      matching = total;
      const end = Math.min(total, offset + limit);
      const positions = new Float64Array(Math.max(0, end - offset));
      for (let i = 0; i < positions.length; i++) {
        positions[i] = direction === 'asc' ? offset + i : total - 1 - (offset + i);
      }
      page = positions;
    } else {
      const order = await this.#order(state, view, parts, sort, direction, query);
      matching = order.length;
      page = order.subarray(offset, offset + limit);
    }
    return {
      total: matching,
      queued: total,
      offset,
      flowFiles: await this.#rows(state, view, parts, page),
    };
  }

  /** The positions matching the filter, in the order of the sort; cached while the queue holds still. */
  async #order(
    state: QueueState,
    view: QueueView,
    parts: readonly ViewPart[],
    sort: QueueSortField,
    direction: SortDirection,
    query: QueueListingQuery,
  ): Promise<Float64Array> {
    const key = `${view.version}|${sort}|${direction}|${filterKey(query.filter)}`;
    if (state.last?.key === key) return state.last.positions;
    let positions: Float64Array;
    if (sort === 'position') {
      const matched = await this.#matched(state, view, parts, query);
      positions = direction === 'asc' ? matched : matched.reverse();
    } else {
      // Sorted once ascending; descending is derived from it, so flipping a column is cheap.
      const sortKey = `${view.version}|${sort}|${filterKey(query.filter)}`;
      if (state.sorted?.key !== sortKey) {
        const matched = await this.#matched(state, view, parts, query);
        const keys = await this.#keys(state, view, parts, matched, sort);
        const order = sortOrder(keys, 'asc');
        const sortedPositions = new Float64Array(order.length);
        const sortedKeys = new Float64Array(order.length);
        for (let i = 0; i < order.length; i++) {
          sortedPositions[i] = matched[order[i]!]!;
          sortedKeys[i] = keys[order[i]!]!;
        }
        state.sorted = { key: sortKey, positions: sortedPositions, keys: sortedKeys };
      }
      positions =
        direction === 'asc'
          ? state.sorted.positions
          : descending(state.sorted.positions, state.sorted.keys);
    }
    state.last = { key, positions };
    return positions;
  }

  /** Positions of the records that match the query's filter (all of them without one), ascending. */
  async #matched(
    state: QueueState,
    view: QueueView,
    parts: readonly ViewPart[],
    query: QueueListingQuery,
  ): Promise<Float64Array> {
    const matcher = matcherOf(query.filter);
    if (!matcher) return identity(partsOf(view).total);
    return this.#matching(state, view, parts, filterKey(query.filter), query.filter!, matcher);
  }

  /** Positions of the records that match, ascending. */
  async #matching(
    state: QueueState,
    view: QueueView,
    parts: readonly ViewPart[],
    key: string,
    filter: QueueFilter,
    matcher: FlowFileMatcher,
  ): Promise<Float64Array> {
    const found: number[] = [];
    const searched = {
      needle: filter.text.toLowerCase(),
      attribute: filter.attribute || undefined,
    };
    for (const part of parts) {
      switch (part.kind) {
        case 'memory':
        case 'pending': {
          const records = part.kind === 'memory' ? view.memory : view.pending;
          for (let i = 0; i < records.length; i++) {
            if (matcher(records[i]!.attributes)) found.push(part.start + i);
          }
          break;
        }
        case 'swap': {
          const local = await state.cache.matches(part.swap, key, searched, matcher);
          for (let i = 0; i < local.length; i++) found.push(part.start + local[i]!);
          break;
        }
        default: {
          const exhaustive: never = part;
          throw new Error(`unknown view part ${JSON.stringify(exhaustive)}`);
        }
      }
    }
    return Float64Array.from(found);
  }

  /** The sort keys of ascending positions, walking the parts alongside. */
  async #keys(
    state: QueueState,
    view: QueueView,
    parts: readonly ViewPart[],
    positions: Float64Array,
    sort: Exclude<QueueSortField, 'position'>,
  ): Promise<Float64Array> {
    const keys = new Float64Array(positions.length);
    let i = 0;
    for (const part of parts) {
      const end = part.start + part.count;
      if (i >= positions.length || positions[i]! >= end) continue;
      if (part.kind === 'swap') {
        const column = (await state.cache.index(part.swap)).columns[sort];
        for (; i < positions.length && positions[i]! < end; i++) {
          keys[i] = column[positions[i]! - part.start]!;
        }
      } else {
        const records = part.kind === 'memory' ? view.memory : view.pending;
        for (; i < positions.length && positions[i]! < end; i++) {
          keys[i] = columnValue(records[positions[i]! - part.start]!, sort);
        }
      }
    }
    return keys;
  }

  async #rows(
    state: QueueState,
    view: QueueView,
    parts: readonly ViewPart[],
    positions: ArrayLike<number>,
  ): Promise<QueuedFlowFileSummary[]> {
    const rows: QueuedFlowFileSummary[] = [];
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i]!;
      const part = partAt(parts, position);
      const local = position - part.start;
      if (part.kind === 'swap') {
        const index = await state.cache.index(part.swap);
        rows.push({
          position: position + 1,
          id: index.ids[local]!,
          filename: index.filenames[local]!,
          size: index.columns.size[local]!,
          queuedDate: index.columns.queuedDate[local]!,
          entryDate: index.columns.entryDate[local]!,
          lineageStartDate: index.columns.lineageStartDate[local]!,
          penalizedUntil: index.penalizedUntil[local]!,
        });
      } else {
        const records = part.kind === 'memory' ? view.memory : view.pending;
        rows.push(summaryOf(records[local]!, position + 1));
      }
    }
    return rows;
  }

  async #find(state: QueueState, view: QueueView, id: string): Promise<QueuedFlowFile | undefined> {
    const { parts } = partsOf(view);
    // Memory and pending first: no disk read, and most inspected flowfiles are near the head.
    for (const part of parts) {
      if (part.kind === 'swap') continue;
      const records = part.kind === 'memory' ? view.memory : view.pending;
      const local = records.findIndex((f) => f.id === id);
      if (local >= 0) return { flowFile: records[local]!, position: part.start + local + 1 };
    }
    for (const part of parts) {
      if (part.kind !== 'swap') continue;
      const local = (await state.cache.index(part.swap)).ids.indexOf(id);
      if (local < 0) continue;
      const records = await state.cache.records(part.swap);
      return { flowFile: records[local]!, position: part.start + local + 1 };
    }
    return undefined;
  }
}

/** A listing row of a flowfile at a 1-based position. */
export function summaryOf(flowFile: FlowFile, position: number): QueuedFlowFileSummary {
  return {
    position,
    id: flowFile.id,
    filename: flowFile.attributes['filename'] ?? '',
    size: flowFile.size,
    queuedDate: queuedDateOf(flowFile),
    entryDate: flowFile.entryDate,
    lineageStartDate: flowFile.lineageStartDate,
    penalizedUntil: flowFile.penalizedUntil,
  };
}

/**
 * The descending order of an ascending one: groups of equal keys from the largest down, each
 * group still in queue order (as a stable descending sort would give), in one pass.
 */
export function descending(positions: Float64Array, keys: Float64Array): Float64Array {
  const out = new Float64Array(positions.length);
  let o = 0;
  for (let end = positions.length - 1; end >= 0;) {
    let start = end;
    while (start > 0 && keys[start - 1] === keys[end]) start--;
    for (let k = start; k <= end; k++) out[o++] = positions[k]!;
    end = start - 1;
  }
  return out;
}

function identity(n: number): Float64Array {
  const positions = new Float64Array(n);
  for (let i = 0; i < n; i++) positions[i] = i;
  return positions;
}
