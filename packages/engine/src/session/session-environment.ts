import type { ContentClaim } from '../content/content-claim.js';
import type { NewProvenanceEvent } from '../provenance/provenance-event.js';
import type { ConnectionQueue } from '../queue/connection-queue.js';
import type { FsyncPolicy } from '../repository/fsync-policy.js';
import type { WalOperation } from '../repository/wal-operation.js';

/** What a session needs of the content repository. */
export interface ContentStore {
  writeAll(chunks: readonly Uint8Array[]): Promise<ContentClaim[]>;
  writeStream(source: AsyncIterable<Uint8Array>): Promise<ContentClaim>;
  read(claim: ContentClaim): AsyncIterable<Buffer>;
  readBuffer(claim: ContentClaim): Promise<Buffer>;
  /** The claim's bytes if they can be had without I/O (a small content in a cached block). */
  readCached(claim: ContentClaim): Buffer | undefined;
  /** Makes the claims written to these files (all, if omitted) durable. */
  sync(files?: Iterable<string>): Promise<void>;
  incrementReferences(file: string, count?: number): void;
  decrementReferences(file: string, count?: number): void;
}

/** Committed component state, held in memory; the WAL is its durable copy. */
export interface ComponentStateStore {
  get(componentId: string): Readonly<Record<string, string>> | undefined;
  set(componentId: string, state: Readonly<Record<string, string>> | null): void;
}

/** Where relationship transfers go: connection queues, or termination when auto-terminated. */
export type RelationshipTarget =
  | { readonly kind: 'queues'; readonly queues: readonly ConnectionQueue[] }
  | { readonly kind: 'terminate' };

/** What one committed session did, for the processor's statistics. */
export interface SessionMetrics {
  inCount: number;
  inBytes: number;
  outCount: number;
  outBytes: number;
  bytesRead: number;
  bytesWritten: number;
  /** Flowfiles created here (sources count these as their output). */
  created: number;
}

/** Everything a ProcessSession needs from the engine, provided by the processor node. */
export interface SessionEnvironment {
  readonly component: { readonly id: string; readonly type: string; readonly name: string };
  readonly incoming: readonly ConnectionQueue[];
  /** Target of a relationship, or undefined if the processor has no such relationship. */
  target(relationship: string): RelationshipTarget | undefined;
  readonly penaltyMs: number;
  readonly fsync: FsyncPolicy;
  readonly content: ContentStore;
  readonly wal: { commit(ops: readonly WalOperation[]): Promise<void> };
  readonly provenance: {
    append(events: readonly NewProvenanceEvent[]): void;
    /** Back-pressure: a promise while the repository's unwritten backlog is over its bound. */
    room?(): Promise<void> | undefined;
  };
  readonly states: ComponentStateStore;
  /** Called after a commit with what the session did and its counters. */
  onCommitted(metrics: SessionMetrics, counters: ReadonlyMap<string, number>): void;
  /**
   * The processor's previous commit, still being made durable while this session ran (see
   * ProcessorNode's pipelined commits); settles, never rejects. A commit writes its WAL record
   * only after it, so one processor's commits apply in the order its sessions made them.
   */
  previousCommit?(): Promise<void>;
  now(): number;
}
