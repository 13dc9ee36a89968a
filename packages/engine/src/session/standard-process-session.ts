import { randomUUID } from 'node:crypto';
import type { ContentClaim } from '../content/content-claim.js';
import { withAttributes, withContent, type FlowFile } from '../flowfile/flowfile.js';
import type { NewProvenanceEvent, ProvenanceEventType } from '../provenance/provenance-event.js';
import type { ConnectionQueue } from '../queue/connection-queue.js';
import { nextQueueOrder } from '../queue/queue-order.js';
import type { WalOperation } from '../repository/wal-operation.js';
import type { ContentSource, ProcessSession, SessionProvenance } from './process-session.js';
import { ProcessorError } from './processor-error.js';
import type { SessionEnvironment, SessionMetrics } from './session-environment.js';

/** Writes smaller than this are buffered and appended in one write at commit. */
const BUFFERED_WRITE_LIMIT = 1024 * 1024;

type Disposition =
  | { readonly kind: 'open' }
  | { readonly kind: 'transfer'; readonly relationship: string }
  | { readonly kind: 'remove' }
  | { readonly kind: 'expired' };

/** A flowfile the session holds: where it came from, its latest version, and what becomes of it. */
interface Tracked {
  readonly original: FlowFile | undefined;
  readonly source: ConnectionQueue | undefined;
  current: FlowFile;
  /** Bytes written in this session and not yet in the content repository. */
  pending: Uint8Array | undefined;
  disposition: Disposition;
  contentModified: boolean;
  /** Set when this flowfile was created with parents (FORK/JOIN) or cloned (CLONE). */
  readonly lineage?: {
    readonly type: 'FORK' | 'JOIN' | 'CLONE';
    readonly parents: readonly string[];
  };
}

/**
 * The engine's ProcessSession. Polled flowfiles stay counted in their queue until commit;
 * `commit()` writes buffered content in one append, then one WAL record, then applies queue moves,
 * reference counts, state, provenance and statistics in one synchronous step, so no other task
 * sees half a commit.
 */
export class StandardProcessSession implements ProcessSession {
  readonly #env: SessionEnvironment;
  readonly #tracked = new Map<string, Tracked>();
  /** One reference per claim this session added (writes and clones), released unless committed. */
  readonly #addedReferences: ContentClaim[] = [];
  readonly #events: NewProvenanceEvent[] = [];
  readonly #counters = new Map<string, number>();
  #state: { value: Readonly<Record<string, string>> | null } | undefined;
  #bytesRead = 0;
  #bytesWritten = 0;
  #nextQueue = 0;
  #closed = false;
  #didWork = false;

  constructor(env: SessionEnvironment) {
    this.#env = env;
  }

  readonly provenance: SessionProvenance = {
    receive: (f, uri, details) => this.#event('RECEIVE', f, { transitUri: uri, details }),
    fetch: (f, uri, details) => this.#event('FETCH', f, { transitUri: uri, details }),
    send: (f, uri, details) => this.#event('SEND', f, { transitUri: uri, details }),
    route: (f, relationship, details) => this.#event('ROUTE', f, { relationship, details }),
  };

  get(): FlowFile | undefined;
  get(max: number): FlowFile[];
  get(max?: number): FlowFile | undefined | FlowFile[] {
    this.#assertOpen();
    const wanted = max ?? 1;
    const taken: FlowFile[] = [];
    const queues = this.#env.incoming;
    const now = this.#env.now();
    for (let i = 0; i < queues.length && taken.length < wanted; i++) {
      const queue = queues[(this.#nextQueue + i) % queues.length]!;
      const { flowFiles, expired } = queue.poll(wanted - taken.length, now);
      for (const flowFile of expired) this.#track(flowFile, queue, { kind: 'expired' });
      for (const flowFile of flowFiles) {
        this.#track(flowFile, queue, { kind: 'open' });
        taken.push(flowFile);
      }
    }
    this.#nextQueue = queues.length > 0 ? (this.#nextQueue + 1) % queues.length : 0;
    return max === undefined ? taken[0] : taken;
  }

  create(parents?: FlowFile | readonly FlowFile[]): FlowFile {
    this.#assertOpen();
    const parentList =
      parents === undefined ? [] : Array.isArray(parents) ? parents : [parents as FlowFile];
    const now = this.#env.now();
    this.#didWork = true;
    const id = randomUUID();
    const inherited = parentList.length === 1 ? this.#latest(parentList[0]!).attributes : {};
    const lineageStart = parentList.length
      ? Math.min(...parentList.map((p) => this.#latest(p).lineageStartDate))
      : now;
    const flowFile: FlowFile = {
      id,
      attributes: {
        ...inherited,
        uuid: id,
        filename: inherited['filename'] ?? `${id}`,
        path: inherited['path'] ?? './',
      },
      claim: null,
      size: 0,
      entryDate: now,
      lineageStartDate: lineageStart,
      penalizedUntil: 0,
    };
    const lineage =
      parentList.length === 0
        ? undefined
        : {
            type: parentList.length === 1 ? ('FORK' as const) : ('JOIN' as const),
            parents: parentList.map((p) => p.id),
          };
    this.#tracked.set(id, {
      original: undefined,
      source: undefined,
      current: flowFile,
      pending: undefined,
      disposition: { kind: 'open' },
      contentModified: false,
      ...(lineage ? { lineage } : {}),
    });
    return flowFile;
  }

  clone(flowFile: FlowFile): FlowFile {
    const parent = this.#get(flowFile);
    const id = randomUUID();
    const copy: FlowFile = {
      ...parent.current,
      id,
      attributes: { ...parent.current.attributes, uuid: id },
      entryDate: this.#env.now(),
      penalizedUntil: 0,
    };
    if (copy.claim) this.#addReference(copy.claim);
    this.#tracked.set(id, {
      original: undefined,
      source: undefined,
      current: copy,
      pending: parent.pending,
      disposition: { kind: 'open' },
      contentModified: false,
      lineage: { type: 'CLONE', parents: [parent.current.id] },
    });
    return copy;
  }

  putAttribute(flowFile: FlowFile, key: string, value: string): FlowFile {
    return this.putAllAttributes(flowFile, { [key]: value });
  }

  putAllAttributes(flowFile: FlowFile, attributes: Readonly<Record<string, string>>): FlowFile {
    const tracked = this.#get(flowFile);
    // uuid is identity, not an attribute a processor may change (as in NiFi).
    const { uuid: _ignored, ...rest } = attributes;
    tracked.current = withAttributes(tracked.current, { ...tracked.current.attributes, ...rest });
    return tracked.current;
  }

  removeAttribute(flowFile: FlowFile, key: string): FlowFile {
    const tracked = this.#get(flowFile);
    if (key === 'uuid' || !(key in tracked.current.attributes)) return tracked.current;
    const attributes = { ...tracked.current.attributes };
    delete attributes[key];
    tracked.current = withAttributes(tracked.current, attributes);
    return tracked.current;
  }

  async *read(flowFile: FlowFile): AsyncIterable<Buffer> {
    const tracked = this.#get(flowFile);
    if (tracked.pending) {
      this.#bytesRead += tracked.pending.byteLength;
      yield Buffer.from(
        tracked.pending.buffer,
        tracked.pending.byteOffset,
        tracked.pending.byteLength,
      );
      return;
    }
    const claim = tracked.current.claim;
    if (!claim) return;
    for await (const chunk of this.#env.content.read(claim)) {
      this.#bytesRead += chunk.length;
      yield chunk;
    }
  }

  async readBuffer(flowFile: FlowFile): Promise<Buffer> {
    const tracked = this.#get(flowFile);
    if (tracked.pending) {
      this.#bytesRead += tracked.pending.byteLength;
      return Buffer.from(
        tracked.pending.buffer,
        tracked.pending.byteOffset,
        tracked.pending.byteLength,
      );
    }
    const claim = tracked.current.claim;
    if (!claim) return Buffer.alloc(0);
    const buffer = await this.#env.content.readBuffer(claim);
    this.#bytesRead += buffer.length;
    return buffer;
  }

  async write(flowFile: FlowFile, content: ContentSource): Promise<FlowFile> {
    const tracked = this.#get(flowFile);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (bytes instanceof Uint8Array && bytes.byteLength <= BUFFERED_WRITE_LIMIT) {
      tracked.pending = bytes;
      tracked.current = withContent(tracked.current, null, bytes.byteLength);
    } else {
      const source = bytes instanceof Uint8Array ? singleChunk(bytes) : bytes;
      const claim = await this.#env.content.writeStream(source);
      this.#addReference(claim, false);
      tracked.pending = undefined;
      tracked.current = withContent(tracked.current, claim, claim.length);
    }
    tracked.contentModified = true;
    this.#bytesWritten += tracked.current.size;
    return tracked.current;
  }

  transfer(flowFile: FlowFile, relationship: string): void {
    const tracked = this.#get(flowFile);
    if (!this.#env.target(relationship)) {
      throw new ProcessorError(
        `Cannot transfer to '${relationship}': ${this.#env.component.type} has no such relationship, or it is neither connected nor auto-terminated`,
        this.#env.component.id,
        flowFile.id,
      );
    }
    tracked.disposition = { kind: 'transfer', relationship };
  }

  remove(flowFile: FlowFile): void {
    this.#get(flowFile).disposition = { kind: 'remove' };
  }

  penalize(flowFile: FlowFile): FlowFile {
    const tracked = this.#get(flowFile);
    tracked.current = { ...tracked.current, penalizedUntil: this.#env.now() + this.#env.penaltyMs };
    return tracked.current;
  }

  getState(): Readonly<Record<string, string>> | undefined {
    if (this.#state) return this.#state.value ?? undefined;
    return this.#env.states.get(this.#env.component.id);
  }

  setState(state: Readonly<Record<string, string>> | null): void {
    this.#assertOpen();
    this.#didWork = true;
    this.#state = { value: state === null ? null : { ...state } };
  }

  adjustCounter(name: string, delta: number): void {
    this.#counters.set(name, (this.#counters.get(name) ?? 0) + delta);
  }

  async commit(): Promise<void> {
    this.#assertOpen();
    const unresolved = [...this.#tracked.values()].find((t) => t.disposition.kind === 'open');
    if (unresolved) {
      throw new ProcessorError(
        `FlowFile ${unresolved.current.id} (${unresolved.current.attributes['filename'] ?? ''}) was neither transferred nor removed`,
        this.#env.component.id,
        unresolved.current.id,
      );
    }
    this.#closed = true;
    try {
      await this.#writePendingContent();
      const plan = this.#plan();
      if (this.#bytesWritten > 0 && this.#env.fsync !== 'never') await this.#env.content.sync();
      if (plan.ops.length > 0) await this.#env.wal.commit(plan.ops);
      this.#apply(plan);
    } catch (error) {
      this.#closed = false;
      this.rollback();
      throw error;
    }
  }

  rollback(options: { penalize?: boolean } = {}): void {
    this.#closed = true;
    const now = this.#env.now();
    const bySource = new Map<ConnectionQueue, FlowFile[]>();
    for (const tracked of this.#tracked.values()) {
      if (!tracked.original || !tracked.source) continue;
      const back =
        options.penalize && tracked.disposition.kind !== 'expired'
          ? { ...tracked.original, penalizedUntil: now + this.#env.penaltyMs }
          : tracked.original;
      const list = bySource.get(tracked.source) ?? [];
      list.push(back);
      bySource.set(tracked.source, list);
    }
    this.#releaseAddedReferences(new Map());
    this.#tracked.clear();
    for (const [queue, flowFiles] of bySource) queue.requeue(flowFiles, now);
  }

  /** True once the session took or created a flowfile or set state: the processor found work. */
  get didWork(): boolean {
    return this.#didWork;
  }

  /** False after commit or rollback. */
  get isOpen(): boolean {
    return !this.#closed;
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new ProcessorError(
        'The session was already committed or rolled back',
        this.#env.component.id,
      );
    }
  }

  #track(flowFile: FlowFile, source: ConnectionQueue, disposition: Disposition): void {
    this.#didWork = true;
    this.#tracked.set(flowFile.id, {
      original: flowFile,
      source,
      current: flowFile,
      pending: undefined,
      disposition,
      contentModified: false,
    });
  }

  #get(flowFile: FlowFile): Tracked {
    this.#assertOpen();
    const tracked = this.#tracked.get(flowFile.id);
    if (!tracked) {
      throw new ProcessorError(
        `FlowFile ${flowFile.id} does not belong to this session`,
        this.#env.component.id,
        flowFile.id,
      );
    }
    return tracked;
  }

  #latest(flowFile: FlowFile): FlowFile {
    return this.#tracked.get(flowFile.id)?.current ?? flowFile;
  }

  #addReference(claim: ContentClaim, increment = true): void {
    if (increment) this.#env.content.incrementReferences(claim.file);
    this.#addedReferences.push(claim);
  }

  /** Releases the references this session added, except those kept by committed records. */
  #releaseAddedReferences(kept: Map<string, number>): void {
    for (const claim of this.#addedReferences) {
      const left = kept.get(claim.file) ?? 0;
      if (left > 0) kept.set(claim.file, left - 1);
      else this.#env.content.decrementReferences(claim.file);
    }
    this.#addedReferences.length = 0;
  }

  async #writePendingContent(): Promise<void> {
    const withPending = [...this.#tracked.values()].filter(
      (t) => t.pending && t.disposition.kind === 'transfer',
    );
    if (withPending.length === 0) return;
    // Clones share their parent's pending buffer: write each buffer once.
    const unique = [...new Set(withPending.map((t) => t.pending!))];
    const claims = await this.#env.content.writeAll(unique);
    const claimOf = new Map(unique.map((buffer, i) => [buffer, claims[i]!]));
    for (const claim of claims) this.#addReference(claim, false);
    const seen = new Set<Uint8Array>();
    for (const tracked of withPending) {
      const claim = claimOf.get(tracked.pending!)!;
      if (seen.has(tracked.pending!)) this.#addReference(claim);
      seen.add(tracked.pending!);
      tracked.current = withContent(tracked.current, claim, tracked.current.size);
      tracked.pending = undefined;
    }
  }

  #plan(): CommitPlan {
    const ops: WalOperation[] = [];
    const enqueues = new Map<ConnectionQueue, FlowFile[]>();
    const acknowledged = new Map<ConnectionQueue, FlowFile[]>();
    const finalClaims = new Map<string, number>();
    const releasedOriginals: ContentClaim[] = [];
    const metrics: SessionMetrics = {
      inCount: 0,
      inBytes: 0,
      outCount: 0,
      outBytes: 0,
      bytesRead: this.#bytesRead,
      bytesWritten: this.#bytesWritten,
      created: 0,
    };
    const component = this.#env.component;
    for (const tracked of this.#tracked.values()) {
      const { original, source, disposition } = tracked;
      if (original && source) {
        push(acknowledged, source, original);
        if (original.claim) releasedOriginals.push(original.claim);
        if (disposition.kind !== 'expired') {
          metrics.inCount++;
          metrics.inBytes += original.size;
        }
      } else {
        metrics.created++;
      }
      this.#lineageEvents(tracked);
      switch (disposition.kind) {
        case 'open':
          throw new ProcessorError(
            'unreachable: open flowfile at commit',
            component.id,
            tracked.current.id,
          );
        case 'expired':
          ops.push({ op: 'delete', id: tracked.current.id });
          this.#event('EXPIRE', tracked.current, {
            details: `Expired in connection ${source?.id ?? ''}`,
          });
          break;
        case 'remove':
          if (original) ops.push({ op: 'delete', id: tracked.current.id });
          this.#event('DROP', tracked.current, { details: 'Removed by the processor' });
          break;
        case 'transfer': {
          const target = this.#env.target(disposition.relationship);
          if (!target || target.kind === 'terminate') {
            if (original) ops.push({ op: 'delete', id: tracked.current.id });
            this.#event('DROP', tracked.current, {
              details: `Auto-terminated by ${disposition.relationship} relationship`,
              relationship: disposition.relationship,
            });
            break;
          }
          target.queues.forEach((queue, i) => {
            let flowFile = tracked.current;
            if (i > 0) {
              // Each further connection of the relationship gets its own copy, as NiFi does.
              const id = randomUUID();
              flowFile = { ...flowFile, id, attributes: { ...flowFile.attributes, uuid: id } };
              if (flowFile.claim) this.#addReference(flowFile.claim);
              this.#event('CLONE', tracked.current, { childIds: [id] });
            }
            flowFile = withContent(flowFile, flowFile.claim, flowFile.size, nextQueueOrder());
            if (flowFile.claim)
              finalClaims.set(flowFile.claim.file, (finalClaims.get(flowFile.claim.file) ?? 0) + 1);
            ops.push({ op: 'put', queue: queue.id, flowFile });
            push(enqueues, queue, flowFile);
            metrics.outCount++;
            metrics.outBytes += flowFile.size;
          });
          break;
        }
        default: {
          const exhaustive: never = disposition;
          throw new Error(`Unknown disposition ${JSON.stringify(exhaustive)}`);
        }
      }
    }
    if (this.#state) ops.push({ op: 'state', component: component.id, state: this.#state.value });
    return { ops, enqueues, acknowledged, finalClaims, releasedOriginals, metrics };
  }

  #lineageEvents(tracked: Tracked): void {
    const flowFile = tracked.current;
    if (tracked.lineage) {
      this.#event(tracked.lineage.type, flowFile, {
        parentIds: [...tracked.lineage.parents],
        childIds: [flowFile.id],
      });
    } else if (!tracked.original) {
      this.#event('CREATE', flowFile, {});
    } else if (tracked.contentModified) {
      this.#event('CONTENT_MODIFIED', flowFile, {});
    } else if (
      tracked.original !== flowFile &&
      !sameAttributes(tracked.original.attributes, flowFile.attributes)
    ) {
      this.#event('ATTRIBUTES_MODIFIED', flowFile, {
        previousAttributes: { ...tracked.original.attributes },
      });
    }
  }

  #apply(plan: CommitPlan): void {
    // Order matters: references of committed records are kept before any original is released.
    const kept = new Map(plan.finalClaims);
    const stillNeeded = new Map<string, number>();
    for (const [file, n] of kept) stillNeeded.set(file, n);
    // Originals whose claim a final record still uses keep their reference instead of a new one.
    for (const claim of plan.releasedOriginals) {
      const left = stillNeeded.get(claim.file) ?? 0;
      if (left > 0) stillNeeded.set(claim.file, left - 1);
      else this.#env.content.decrementReferences(claim.file);
    }
    this.#releaseAddedReferences(stillNeeded);
    for (const [queue, flowFiles] of plan.acknowledged) queue.acknowledge(flowFiles);
    if (this.#state) this.#env.states.set(this.#env.component.id, this.#state.value);
    if (this.#events.length > 0) this.#env.provenance.append(this.#events);
    this.#env.onCommitted(plan.metrics, this.#counters);
    for (const [queue, flowFiles] of plan.enqueues) queue.enqueue(flowFiles);
    this.#tracked.clear();
  }

  #event(
    type: ProvenanceEventType,
    flowFile: FlowFile,
    extra: Partial<
      Pick<
        NewProvenanceEvent,
        'details' | 'transitUri' | 'parentIds' | 'childIds' | 'relationship' | 'previousAttributes'
      >
    >,
  ): void {
    const current = this.#latest(flowFile);
    const event: NewProvenanceEvent = {
      type,
      time: this.#env.now(),
      flowFileId: current.id,
      componentId: this.#env.component.id,
      componentType: this.#env.component.type,
      attributes: current.attributes as Record<string, string>,
      size: current.size,
      contentClaim: current.claim,
      lineageStartDate: current.lineageStartDate,
    };
    // for...in: no entries array per event on this per-flowfile path.
    const extras = extra as Record<string, unknown>;
    for (const key in extras) {
      const value = extras[key];
      if (value !== undefined) (event as unknown as Record<string, unknown>)[key] = value;
    }
    this.#events.push(event);
  }
}

interface CommitPlan {
  readonly ops: WalOperation[];
  readonly enqueues: Map<ConnectionQueue, FlowFile[]>;
  readonly acknowledged: Map<ConnectionQueue, FlowFile[]>;
  /** Number of committed records per claim file. */
  readonly finalClaims: Map<string, number>;
  readonly releasedOriginals: ContentClaim[];
  readonly metrics: SessionMetrics;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sameAttributes(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k]);
}

async function* singleChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
