import type { FlowFile } from '../flowfile/flowfile.js';
import type { ConnectionQueue } from '../queue/connection-queue.js';

/**
 * What becomes of a flowfile at commit: still undecided (`open`, which commit refuses), sent to a
 * relationship, removed, or dropped because it expired in its queue.
 */
export type Disposition = 'open' | 'transfer' | 'remove' | 'expired';

/** How a flowfile created in the session relates to others (FORK/JOIN: created with parents). */
export interface Lineage {
  readonly type: 'FORK' | 'JOIN' | 'CLONE';
  readonly parents: readonly string[];
}

/**
 * A flowfile the session holds: where it came from, its latest version, and what becomes of it.
 * A class, not object literals, so every tracked flowfile has one shape on the per-flowfile path.
 */
export class TrackedFlowFile {
  /** Bytes written in this session and not yet in the content repository. */
  pending: Uint8Array | undefined = undefined;
  /** The relationship of a `transfer`. */
  relationship = '';
  contentModified = false;
  /** While a commit writes buffered content: which of the written buffers is this one's. */
  slot = -1;
  /** True when `current` is a version the commit made (with its claim): no one has seen it yet. */
  unseen = false;

  constructor(
    /** The version polled from `source`; undefined for a flowfile created in the session. */
    readonly original: FlowFile | undefined,
    readonly source: ConnectionQueue | undefined,
    public current: FlowFile,
    public disposition: Disposition,
    /** Set when this flowfile was created with parents (FORK/JOIN) or cloned (CLONE). */
    readonly lineage: Lineage | undefined,
  ) {}
}
