import type { FlowFile } from '../flowfile/flowfile.js';

/** Content a processor writes: bytes, text (UTF-8), or a stream for content of any size. */
export type ContentSource = Uint8Array | string | AsyncIterable<Uint8Array>;

/**
 * What a {@link FlowFileFilter} decides about one queued flowfile, as NiFi's FlowFileFilterResult:
 * take it or leave it in its queue, and whether to look at the next one.
 */
export type FlowFileFilterResult =
  'ACCEPT_AND_CONTINUE' | 'ACCEPT_AND_TERMINATE' | 'REJECT_AND_CONTINUE' | 'REJECT_AND_TERMINATE';

/**
 * Chooses which queued flowfiles a session takes (NiFi's FlowFileFilter). It sees the flowfiles
 * that could be polled now, in queue order; rejected ones stay queued exactly where they were, so
 * a processor can look at its queue without taking anything (MergeContent builds its bins so).
 */
export type FlowFileFilter = (flowFile: FlowFile) => FlowFileFilterResult;

/** A byte range of a flowfile's content, for {@link ProcessSession.clone}. */
export interface ContentRange {
  readonly offset: number;
  readonly size: number;
}

/**
 * A unit of work, as NiFi's ProcessSession. Everything a processor does to flowfiles goes
 * through it, and `commit()` makes it all durable and visible at once: queue moves, repository
 * records, content references, provenance, counters and component state. Every flowfile the
 * session took or created must be transferred or removed before commit.
 *
 * Flowfiles are immutable: the methods that change one return its new version, and the session
 * always acts on the latest version of an id, so passing an older version is harmless.
 */
export interface ProcessSession {
  /** Takes the next flowfile from the incoming queues, or undefined when there is none. */
  get(): FlowFile | undefined;
  /** Takes up to `max` flowfiles from the incoming queues. */
  get(max: number): FlowFile[];
  /** Takes the queued flowfiles `filter` accepts; the others stay queued, in place. */
  get(filter: FlowFileFilter): FlowFile[];
  /** Creates a flowfile without content; with parents it is their child (FORK / JOIN). */
  create(parents?: FlowFile | readonly FlowFile[]): FlowFile;
  /** Copies a flowfile (attributes and content reference; no bytes are copied). */
  clone(flowFile: FlowFile): FlowFile;
  /**
   * A child whose content is `range` of the flowfile's content (NiFi's clone with offset and
   * size): it references the same claim, so no bytes are copied (SplitText's splits). A FORK.
   */
  clone(flowFile: FlowFile, range: ContentRange): FlowFile;
  putAttribute(flowFile: FlowFile, key: string, value: string): FlowFile;
  putAllAttributes(flowFile: FlowFile, attributes: Readonly<Record<string, string>>): FlowFile;
  removeAttribute(flowFile: FlowFile, key: string): FlowFile;
  /** Streams the content (empty for a flowfile without content). */
  read(flowFile: FlowFile): AsyncIterable<Buffer>;
  /** Reads the whole content into memory; for content known to be small (check `size`). */
  readBuffer(flowFile: FlowFile): Promise<Buffer>;
  /** Replaces the content; small buffers are batched into one append at commit. */
  write(flowFile: FlowFile, content: ContentSource): Promise<FlowFile>;
  /** Routes the flowfile to a relationship, applied at commit. */
  transfer(flowFile: FlowFile, relationship: string): void;
  /** Drops the flowfile from the flow at commit (a DROP provenance event). */
  remove(flowFile: FlowFile): void;
  /** Marks the flowfile penalized for the processor's penalty duration. */
  penalize(flowFile: FlowFile): FlowFile;
  /** Component state as last committed (or set in this session). */
  getState(): Readonly<Record<string, string>> | undefined;
  /** Sets component state; it is committed in the same WAL record as the session. */
  setState(state: Readonly<Record<string, string>> | null): void;
  /** Adjusts a named counter by delta, applied at commit. */
  adjustCounter(name: string, delta: number): void;
  /** Provenance for data coming from or going to the outside world. */
  readonly provenance: SessionProvenance;
  /** Makes the session durable and visible; resolves after the WAL record is written. */
  commit(): Promise<void>;
  /** Undoes the session: taken flowfiles return to their queues, written content is released. */
  rollback(options?: { penalize?: boolean }): void;
}

/** Provenance events that only the processor can know about (data crossing the flow's edge). */
export interface SessionProvenance {
  receive(flowFile: FlowFile, transitUri: string, details?: string): void;
  fetch(flowFile: FlowFile, transitUri: string, details?: string): void;
  send(flowFile: FlowFile, transitUri: string, details?: string): void;
  /** Records why a flowfile went to a relationship (NiFi's ROUTE event), for routing processors. */
  route(flowFile: FlowFile, relationship: string, details?: string): void;
}
