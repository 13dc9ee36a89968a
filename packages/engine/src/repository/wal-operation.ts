import type { FlowFile } from '../flowfile/flowfile.js';

/** Summary of one swap file: the records themselves stay on disk until swapped in. */
export interface SwapFileSummary {
  /** Swap file name, relative to the flowfile repository's swap directory. */
  readonly file: string;
  readonly queue: string;
  readonly count: number;
  readonly bytes: number;
  /** Queue order of the oldest record in the file, so a restored queue knows what came before it. */
  readonly firstQueueOrder?: number;
  /** Number of swapped flowfiles referencing each content claim file, so references can be counted without reading the file. */
  readonly claimReferences: Readonly<Record<string, number>>;
}

/**
 * One change recorded in a write-ahead-log record. A session commit is one record holding all of
 * its operations, so a crash replays all of them or none.
 */
export type WalOperation =
  /** The flowfile (this version of it) now sits in `queue` (a connection id). */
  | {
      readonly op: 'put';
      readonly queue: string;
      readonly flowFile: FlowFile;
      /**
       * Not written: true when the flowfile was created in the commit, so no earlier record holds
       * its id (the committed state then skips looking for one).
       */
      readonly fresh?: boolean;
    }
  /** The flowfile left the flow (auto-terminated, removed, dropped, expired). */
  | { readonly op: 'delete'; readonly id: string }
  /** These flowfiles of `swap.queue` were written to a swap file and leave the in-memory set. */
  | { readonly op: 'swapOut'; readonly swap: SwapFileSummary; readonly ids: readonly string[] }
  /** The swap file was read back: its flowfiles return through `put` operations in the same record. */
  | { readonly op: 'swapIn'; readonly queue: string; readonly file: string }
  /** A component's state (e.g. what a lister has listed); null clears it. */
  | {
      readonly op: 'state';
      readonly component: string;
      readonly state: Readonly<Record<string, string>> | null;
    };

/** What replay of the flowfile repository restores. */
export interface RecoveredRepository {
  /** Flowfiles in memory per queue, in commit order. */
  readonly queues: ReadonlyMap<string, FlowFile[]>;
  /** Swap files per queue, oldest first. */
  readonly swapFiles: ReadonlyMap<string, SwapFileSummary[]>;
  /** Component state per component id. */
  readonly states: ReadonlyMap<string, Readonly<Record<string, string>>>;
}
