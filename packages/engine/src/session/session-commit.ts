import { withUuid } from '../flowfile/attribute-map.js';
import { withContent, type FlowFile } from '../flowfile/flowfile.js';
import type { ConnectionQueue } from '../queue/connection-queue.js';
import { nextQueueOrder } from '../queue/queue-order.js';
import type { WalOperation } from '../repository/wal-operation.js';
import { newFlowFileId } from './flowfile-id.js';
import { ProcessorError } from './processor-error.js';
import type { SessionEvents } from './session-events.js';
import type {
  ContentStore,
  RelationshipTarget,
  SessionEnvironment,
  SessionMetrics,
} from './session-environment.js';
import type { SessionReferences } from './session-references.js';
import type { TrackedFlowFile } from './tracked-flowfile.js';

/** Everything a commit does once its WAL record is written, worked out before writing it. */
export interface CommitPlan {
  /** The WAL record's operations. */
  readonly ops: WalOperation[];
  readonly enqueues: Map<ConnectionQueue, FlowFile[]>;
  readonly acknowledged: Map<ConnectionQueue, FlowFile[]>;
  /** Number of committed records per claim file: each keeps one reference. */
  readonly finalClaims: Map<string, number>;
  /** Per claim file, the number of taken flowfiles that referenced it. */
  readonly releasedOriginals: Map<string, number>;
  readonly metrics: SessionMetrics;
}

/** What a session hands to {@link planCommit}. */
export interface CommitInput {
  readonly env: SessionEnvironment;
  readonly tracked: Iterable<TrackedFlowFile>;
  readonly events: SessionEvents;
  readonly references: SessionReferences;
  /** The relationship's target, as the session resolved it. */
  readonly target: (relationship: string) => RelationshipTarget | undefined;
  readonly state: { readonly value: Readonly<Record<string, string>> | null } | undefined;
  readonly bytesRead: number;
  readonly bytesWritten: number;
}

/**
 * Appends the buffered content of every flowfile that stays in the flow, in one write, and points
 * the flowfiles at their claims. A buffer consecutive flowfiles share (clones, or a processor
 * writing one Buffer many times) is written once and referenced once per flowfile.
 */
export async function writePendingContent(
  tracked: ReadonlyMap<string, TrackedFlowFile>,
  content: ContentStore,
  references: SessionReferences,
): Promise<void> {
  const buffers: Uint8Array[] = [];
  for (const t of tracked.values()) {
    const pending = t.pending;
    if (pending === undefined || t.disposition !== 'transfer') continue;
    // Consecutive flowfiles with the same buffer (one Buffer written many times, a clone next to
    // its parent) share one copy: no lookup table per buffer on this per-flowfile path.
    if (buffers.length === 0 || buffers[buffers.length - 1] !== pending) buffers.push(pending);
    t.slot = buffers.length - 1;
  }
  if (buffers.length === 0) return;
  const claims = await content.writeAll(buffers);
  // Each claim holds one reference; every further flowfile sharing it takes one more.
  const owners = new Uint32Array(claims.length);
  for (const t of tracked.values()) {
    const slot = t.slot;
    if (slot < 0) continue;
    t.slot = -1;
    owners[slot]!++;
    t.current = withContent(t.current, claims[slot]!, t.current.size);
    t.unseen = true;
    t.pending = undefined;
  }
  let file: string | undefined;
  let held = 0;
  let shared = 0;
  for (let slot = 0; slot <= claims.length; slot++) {
    const claim = claims[slot];
    if (claim?.file !== file) {
      // Counted per claim file: writeAll puts them all in one.
      if (file !== undefined) {
        if (shared > 0) content.incrementReferences(file, shared);
        references.addHeld(file, held);
      }
      file = claim?.file;
      held = 0;
      shared = 0;
    }
    if (claim === undefined) break;
    held += owners[slot]!;
    shared += owners[slot]! - 1;
  }
}

/** Works out the WAL record, queue moves, references, provenance and metrics of a commit. */
export function planCommit(input: CommitInput): CommitPlan {
  const { env, events, references } = input;
  const ops: WalOperation[] = [];
  const enqueues = new Grouped<ConnectionQueue, FlowFile>();
  const acknowledged = new Grouped<ConnectionQueue, FlowFile>();
  const finalClaims = new Counts<string>();
  const releasedOriginals = new Counts<string>();
  const metrics: SessionMetrics = {
    inCount: 0,
    inBytes: 0,
    outCount: 0,
    outBytes: 0,
    bytesRead: input.bytesRead,
    bytesWritten: input.bytesWritten,
    created: 0,
  };
  const component = env.component;
  // Events the commit itself records (lineage, DROP, EXPIRE) carry the commit's time.
  const now = env.now();
  for (const tracked of input.tracked) {
    const { original, source, disposition } = tracked;
    if (original !== undefined && source !== undefined) {
      acknowledged.push(source, original);
      if (original.claim !== null) releasedOriginals.add(original.claim.file);
      if (disposition !== 'expired') {
        metrics.inCount++;
        metrics.inBytes += original.size;
      }
    } else {
      metrics.created++;
    }
    events.lineage(tracked, now);
    const current = tracked.current;
    switch (disposition) {
      case 'open':
        throw new ProcessorError('unreachable: open flowfile at commit', component.id, current.id);
      case 'expired':
        ops.push({ op: 'delete', id: current.id });
        events.add('EXPIRE', current, now).details = `Expired in connection ${source?.id ?? ''}`;
        break;
      case 'remove':
        if (original !== undefined) ops.push({ op: 'delete', id: current.id });
        events.add('DROP', current, now).details = 'Removed by the processor';
        break;
      case 'transfer': {
        const target = input.target(tracked.relationship);
        if (target === undefined || target.kind === 'terminate') {
          if (original !== undefined) ops.push({ op: 'delete', id: current.id });
          events.terminated(current, tracked.relationship, now);
          break;
        }
        const queues = target.queues;
        for (let i = 0; i < queues.length; i++) {
          const queue = queues[i]!;
          let flowFile = current;
          if (i > 0) {
            // Each further connection of the relationship gets its own copy, as NiFi does.
            const id = newFlowFileId();
            flowFile = { ...flowFile, id, attributes: withUuid(flowFile.attributes, id) };
            if (flowFile.claim !== null) references.add(flowFile.claim, true);
            events.add('CLONE', current, now).childIds = [id];
          }
          if (i === 0 && tracked.unseen) {
            // The version the commit itself made: completed in place, not copied once more.
            (flowFile as { queueOrder?: number }).queueOrder = nextQueueOrder();
          } else {
            flowFile = withContent(flowFile, flowFile.claim, flowFile.size, nextQueueOrder());
          }
          if (flowFile.claim !== null) finalClaims.add(flowFile.claim.file);
          // A flowfile created here (or a copy) has a new id: no committed record holds it.
          ops.push({
            op: 'put',
            queue: queue.id,
            flowFile,
            fresh: original === undefined || i > 0,
          });
          enqueues.push(queue, flowFile);
          metrics.outCount++;
          metrics.outBytes += flowFile.size;
        }
        break;
      }
      default: {
        const exhaustive: never = disposition;
        throw new Error(`Unknown disposition ${String(exhaustive)}`);
      }
    }
  }
  if (input.state !== undefined) {
    ops.push({ op: 'state', component: component.id, state: input.state.value });
  }
  return {
    ops,
    enqueues: enqueues.map,
    acknowledged: acknowledged.map,
    finalClaims: finalClaims.done(),
    releasedOriginals: releasedOriginals.done(),
    metrics,
  };
}

/**
 * Applies a commit whose WAL record is written, in one synchronous step so no other task sees
 * half of it: references, queue acknowledgements, state, provenance, statistics, then the new
 * flowfiles become visible downstream.
 */
export function applyCommit(
  plan: CommitPlan,
  env: SessionEnvironment,
  references: SessionReferences,
  events: SessionEvents,
  state: { readonly value: Readonly<Record<string, string>> | null } | undefined,
  counters: ReadonlyMap<string, number>,
): void {
  // Order matters: references of committed records are kept before any original is released.
  references.settle(plan.finalClaims, plan.releasedOriginals);
  for (const [queue, flowFiles] of plan.acknowledged) queue.acknowledge(flowFiles);
  if (state !== undefined) env.states.set(env.component.id, state.value);
  if (events.events.length > 0) env.provenance.append(events.events);
  env.onCommitted(plan.metrics, counters);
  for (const [queue, flowFiles] of plan.enqueues) queue.enqueue(flowFiles);
}

/** Values grouped by key, the last key's list at hand (a commit's flowfiles mostly share one). */
class Grouped<K, V> {
  readonly map = new Map<K, V[]>();
  #key: K | undefined;
  #list: V[] = [];

  push(key: K, value: V): void {
    if (key !== this.#key || this.map.size === 0) {
      let list = this.map.get(key);
      if (list === undefined) {
        list = [];
        this.map.set(key, list);
      }
      this.#key = key;
      this.#list = list;
    }
    this.#list.push(value);
  }
}

/** Counts per key, added up over runs of one key before they reach the map. */
class Counts<K> {
  readonly #map = new Map<K, number>();
  #key: K | undefined;
  #count = 0;

  add(key: K): void {
    if (key !== this.#key) {
      this.#flush();
      this.#key = key;
    }
    this.#count++;
  }

  /** The counts. */
  done(): Map<K, number> {
    this.#flush();
    return this.#map;
  }

  #flush(): void {
    if (this.#count === 0) return;
    const key = this.#key as K;
    this.#map.set(key, (this.#map.get(key) ?? 0) + this.#count);
    this.#count = 0;
  }
}
