import type { ContentClaim } from '../content/content-claim.js';
import { withAttributes, withContent, type FlowFile } from '../flowfile/flowfile.js';
import {
  copyAttributes,
  setAttribute,
  withoutAttribute,
  withUuid,
} from '../flowfile/attribute-map.js';
import type { ConnectionQueue } from '../queue/connection-queue.js';
import { isOutOfSpace } from '../repository/out-of-space.js';
import type {
  ContentRange,
  ContentSource,
  FlowFileFilter,
  ProcessSession,
  SessionProvenance,
} from './process-session.js';
import { newFlowFileId } from './flowfile-id.js';
import { ProcessorError } from './processor-error.js';
import { IncomingQueues } from './incoming-queues.js';
import { applyCommit, planCommit, writePendingContent } from './session-commit.js';
import type { RelationshipTarget, SessionEnvironment } from './session-environment.js';
import { reportedEvents, SessionEvents } from './session-events.js';
import { SessionReferences } from './session-references.js';
import { TrackedFlowFile, type Disposition } from './tracked-flowfile.js';

/** Writes smaller than this are buffered and appended in one write at commit. */
const BUFFERED_WRITE_LIMIT = 1024 * 1024;

/**
 * The engine's ProcessSession. Polled flowfiles stay counted in their queue until commit;
 * `commit()` writes buffered content in one append, then one WAL record, then applies queue moves,
 * reference counts, state, provenance and statistics in one synchronous step, so no other task
 * sees half a commit (see session-commit.ts).
 */
export class StandardProcessSession implements ProcessSession {
  readonly #env: SessionEnvironment;
  readonly #tracked = new Map<string, TrackedFlowFile>();
  /** One reference per claim this session added (writes and clones), released unless committed. */
  readonly #references: SessionReferences;
  readonly #events: SessionEvents;
  readonly #counters = new Map<string, number>();
  /** Relationship targets as first resolved in this session. */
  readonly #targets = new Map<string, RelationshipTarget | undefined>();
  #lastRelationship: string | undefined;
  #lastTarget: RelationshipTarget | undefined;
  readonly #incoming: IncomingQueues;
  /** The flowfile the last call was about. */
  #last: TrackedFlowFile | undefined;
  #state: { value: Readonly<Record<string, string>> | null } | undefined;
  #bytesRead = 0;
  #bytesWritten = 0;
  /** A content write that found the disk full: the commit throws it, whatever the processor did. */
  #outOfSpace: unknown;
  #closed = false;
  #didWork = false;

  constructor(env: SessionEnvironment) {
    this.#env = env;
    this.#references = new SessionReferences(env.content);
    this.#events = new SessionEvents(env.component);
    this.#incoming = new IncomingQueues(env.incoming, (flowFile, queue, kind) =>
      this.#track(flowFile, queue, kind),
    );
  }

  readonly provenance: SessionProvenance = reportedEvents((type, flowFile) =>
    this.#events.report(type, this.#latest(flowFile), this.#env.now()),
  );

  get(): FlowFile | undefined;
  get(max: number): FlowFile[];
  get(filter: FlowFileFilter): FlowFile[];
  get(arg?: number | FlowFileFilter): FlowFile | undefined | FlowFile[] {
    this.#assertOpen();
    const now = this.#env.now();
    if (arg === undefined) return this.#incoming.takeOne(now);
    return typeof arg === 'number'
      ? this.#incoming.take(arg, now)
      : this.#incoming.takeMatching(arg, now);
  }

  create(parents?: FlowFile | readonly FlowFile[]): FlowFile {
    this.#assertOpen();
    const now = this.#env.now();
    this.#didWork = true;
    const id = newFlowFileId();
    const parentList =
      parents === undefined ? [] : Array.isArray(parents) ? parents : [parents as FlowFile];
    if (parentList.length === 0) {
      const flowFile: FlowFile = {
        id,
        attributes: { uuid: id, filename: id, path: './' },
        claim: null,
        size: 0,
        entryDate: now,
        lineageStartDate: now,
        penalizedUntil: 0,
      };
      this.#tracked.set(id, new TrackedFlowFile(undefined, undefined, flowFile, 'open', undefined));
      return flowFile;
    }
    const inherited = parentList.length === 1 ? this.#latest(parentList[0]!).attributes : {};
    const flowFile: FlowFile = {
      id,
      attributes: {
        ...inherited,
        uuid: id,
        filename: inherited['filename'] ?? id,
        path: inherited['path'] ?? './',
      },
      claim: null,
      size: 0,
      entryDate: now,
      lineageStartDate: Math.min(...parentList.map((p) => this.#latest(p).lineageStartDate)),
      penalizedUntil: 0,
    };
    const lineage = {
      type: parentList.length === 1 ? ('FORK' as const) : ('JOIN' as const),
      parents: parentList.map((p) => p.id),
    };
    this.#tracked.set(id, new TrackedFlowFile(undefined, undefined, flowFile, 'open', lineage));
    return flowFile;
  }

  clone(flowFile: FlowFile, range?: ContentRange): FlowFile {
    const parent = this.#get(flowFile);
    const source = parent.current;
    let { claim, size } = source;
    let pending = parent.pending;
    if (range !== undefined) {
      const { offset } = range;
      size = range.size;
      if (
        !(Number.isSafeInteger(offset) && Number.isSafeInteger(size) && offset >= 0 && size >= 0) ||
        offset + size > source.size
      ) {
        throw new ProcessorError(
          `Cannot clone bytes ${offset}+${size} of FlowFile ${source.id}: its content has ${source.size} bytes`,
          this.#env.component.id,
          source.id,
        );
      }
      // A range of the same claim (claims are counted per file): no byte is copied.
      claim =
        claim !== null && size > 0
          ? { file: claim.file, offset: claim.offset + offset, length: size }
          : null;
      pending =
        pending !== undefined && size > 0 ? pending.subarray(offset, offset + size) : undefined;
    }
    const id = newFlowFileId();
    const copy: FlowFile = {
      ...source,
      id,
      attributes: withUuid(source.attributes, id),
      claim,
      size,
      entryDate: this.#env.now(),
      penalizedUntil: 0,
    };
    if (copy.claim) this.#references.add(copy.claim, true);
    // A part of the content is a new piece of data (NiFi records a FORK); a whole copy, a CLONE.
    const tracked = new TrackedFlowFile(undefined, undefined, copy, 'open', {
      type: range === undefined ? 'CLONE' : 'FORK',
      parents: [source.id],
    });
    tracked.pending = pending;
    this.#tracked.set(id, tracked);
    return copy;
  }

  putAttribute(flowFile: FlowFile, key: string, value: string): FlowFile {
    return this.putAllAttributes(flowFile, { [key]: value });
  }

  putAllAttributes(flowFile: FlowFile, attributes: Readonly<Record<string, string>>): FlowFile {
    const tracked = this.#get(flowFile);
    let next: Record<string, string> | undefined;
    for (const key in attributes) {
      // uuid is identity, not an attribute a processor may change (as in NiFi).
      if (key === 'uuid') continue;
      next ??= copyAttributes(tracked.current.attributes);
      setAttribute(next, key, attributes[key]!);
    }
    // Nothing to set: the flowfile stays as it is (no new version).
    if (next !== undefined) tracked.current = withAttributes(tracked.current, next);
    return tracked.current;
  }

  removeAttribute(flowFile: FlowFile, key: string): FlowFile {
    const tracked = this.#get(flowFile);
    if (key === 'uuid' || !(key in tracked.current.attributes)) return tracked.current;
    tracked.current = withAttributes(
      tracked.current,
      withoutAttribute(tracked.current.attributes, key),
    );
    return tracked.current;
  }

  async *read(flowFile: FlowFile): AsyncIterable<Buffer> {
    const tracked = this.#get(flowFile);
    if (tracked.pending) {
      this.#bytesRead += tracked.pending.byteLength;
      yield asBuffer(tracked.pending);
      return;
    }
    const claim = tracked.current.claim;
    if (!claim) return;
    for await (const chunk of this.#env.content.read(claim)) {
      this.#bytesRead += chunk.length;
      yield chunk;
    }
  }

  readBuffer(flowFile: FlowFile): Promise<Buffer> {
    let tracked: TrackedFlowFile;
    try {
      tracked = this.#get(flowFile);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (tracked.pending) {
      this.#bytesRead += tracked.pending.byteLength;
      return Promise.resolve(asBuffer(tracked.pending));
    }
    const claim = tracked.current.claim;
    if (!claim) return Promise.resolve(Buffer.alloc(0));
    // Small contents are usually in the content repository's block cache: no await chain then.
    const cached = this.#env.content.readCached(claim);
    if (cached !== undefined) {
      this.#bytesRead += cached.length;
      return Promise.resolve(cached);
    }
    return this.#env.content.readBuffer(claim).then((buffer) => {
      this.#bytesRead += buffer.length;
      return buffer;
    });
  }

  write(flowFile: FlowFile, content: ContentSource): Promise<FlowFile> {
    let tracked: TrackedFlowFile;
    let bytes: ContentSource;
    try {
      tracked = this.#get(flowFile);
      bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    } catch (error) {
      return Promise.reject(error as Error);
    }
    // Small content is only buffered here: no async function (and its promise chain) per write.
    if (bytes instanceof Uint8Array && bytes.byteLength <= BUFFERED_WRITE_LIMIT) {
      tracked.pending = bytes;
      return Promise.resolve(
        this.#written(tracked, withContent(tracked.current, null, bytes.byteLength)),
      );
    }
    return this.#writeStream(tracked, bytes instanceof Uint8Array ? singleChunk(bytes) : bytes);
  }

  async #writeStream(
    tracked: TrackedFlowFile,
    source: AsyncIterable<Uint8Array>,
  ): Promise<FlowFile> {
    let claim: ContentClaim;
    try {
      claim = await this.#env.content.writeStream(source);
    } catch (error) {
      // Remembered even if the processor catches it and routes the flowfile to failure: the
      // flowfile is fine, the disk is full, so the commit refuses and the session rolls back.
      if (isOutOfSpace(error)) this.#outOfSpace ??= error;
      throw error;
    }
    this.#references.add(claim, false);
    tracked.pending = undefined;
    return this.#written(tracked, withContent(tracked.current, claim, claim.length));
  }

  #written(tracked: TrackedFlowFile, version: FlowFile): FlowFile {
    tracked.current = version;
    tracked.contentModified = true;
    this.#bytesWritten += version.size;
    return version;
  }

  transfer(flowFile: FlowFile, relationship: string): void {
    const tracked = this.#get(flowFile);
    if (!this.#target(relationship)) {
      throw new ProcessorError(
        `Cannot transfer to '${relationship}': ${this.#env.component.type} has no such relationship, or it is neither connected nor auto-terminated`,
        this.#env.component.id,
        flowFile.id,
      );
    }
    tracked.disposition = 'transfer';
    tracked.relationship = relationship;
  }

  remove(flowFile: FlowFile): void {
    this.#get(flowFile).disposition = 'remove';
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
    for (const tracked of this.#tracked.values()) {
      if (tracked.disposition !== 'open') continue;
      const { current } = tracked;
      throw new ProcessorError(
        `FlowFile ${current.id} (${current.attributes['filename'] ?? ''}) was neither transferred nor removed`,
        this.#env.component.id,
        current.id,
      );
    }
    this.#closed = true;
    const env = this.#env;
    // Taken before the first await: by then the node may have made this commit the pending one.
    const previous = env.previousCommit?.();
    try {
      if (this.#outOfSpace !== undefined) throw this.#outOfSpace;
      await writePendingContent(this.#tracked, env.content, this.#references);
      if (this.#bytesWritten > 0 && env.fsync !== 'never') {
        await env.content.sync(this.#references.files());
      }
      await previous;
      // Provenance back-pressure: a flow outrunning the provenance writer waits here rather
      // than letting the writer's backlog (memory) grow without bound or dropping events.
      const room = env.provenance.room?.();
      if (room) await room;
      const plan = planCommit({
        env,
        tracked: this.#tracked.values(),
        events: this.#events,
        references: this.#references,
        target: (relationship) => this.#target(relationship),
        state: this.#state,
        bytesRead: this.#bytesRead,
        bytesWritten: this.#bytesWritten,
      });
      if (plan.ops.length > 0) await env.wal.commit(plan.ops);
      applyCommit(plan, env, this.#references, this.#events, this.#state, this.#counters);
      this.#tracked.clear();
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
        options.penalize && tracked.disposition !== 'expired'
          ? { ...tracked.original, penalizedUntil: now + this.#env.penaltyMs }
          : tracked.original;
      const list = bySource.get(tracked.source) ?? [];
      list.push(back);
      bySource.set(tracked.source, list);
    }
    this.#references.releaseAll();
    this.#tracked.clear();
    for (const [queue, flowFiles] of bySource) queue.requeue(flowFiles, now);
  }

  /** What the session sends to each relationship when it commits: flowfiles and bytes. */
  transfers(): Map<string, { count: number; bytes: number }> {
    const byRelationship = new Map<string, { count: number; bytes: number }>();
    for (const tracked of this.#tracked.values()) {
      if (tracked.disposition !== 'transfer') continue;
      const sum = byRelationship.get(tracked.relationship) ?? { count: 0, bytes: 0 };
      sum.count++;
      sum.bytes += tracked.current.size;
      byRelationship.set(tracked.relationship, sum);
    }
    return byRelationship;
  }

  /** True when the session sets the processor's state on commit. */
  get setsState(): boolean {
    return this.#state !== undefined;
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
    this.#tracked.set(
      flowFile.id,
      new TrackedFlowFile(flowFile, source, flowFile, disposition, undefined),
    );
  }

  #get(flowFile: FlowFile): TrackedFlowFile {
    this.#assertOpen();
    // Processors mostly make several calls in a row about one flowfile (write, then transfer).
    const last = this.#last;
    if (last !== undefined && last.current.id === flowFile.id) return last;
    const tracked = this.#tracked.get(flowFile.id);
    this.#last = tracked;
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

  #target(relationship: string): RelationshipTarget | undefined {
    // Most sessions send everything to one relationship: no lookup for the same one again.
    if (relationship === this.#lastRelationship) return this.#lastTarget;
    let target = this.#targets.get(relationship);
    if (target === undefined && !this.#targets.has(relationship)) {
      target = this.#env.target(relationship);
      this.#targets.set(relationship, target);
    }
    this.#lastRelationship = relationship;
    this.#lastTarget = target;
    return target;
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function* singleChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
