import type { FlowFile } from '../flowfile/flowfile.js';
import type { RecoveredRepository, SwapFileSummary, WalOperation } from './wal-operation.js';

interface QueuedFlowFile {
  readonly queue: string;
  readonly flowFile: FlowFile;
}

/**
 * The flowfile repository's own picture of what is committed: every flowfile in memory with its
 * queue, the swap files of each queue and each component's state. Replay rebuilds it; a
 * checkpoint writes it out, so a checkpoint needs nothing from the rest of the engine.
 */
export class CommittedState {
  /**
   * Insertion order is commit order: a put deletes and re-inserts, so a flowfile that is put
   * again (moved, or transferred back to its own queue) goes to the back, as a re-enqueue does.
   */
  private readonly flowFiles = new Map<string, QueuedFlowFile>();
  private readonly swapFiles = new Map<string, SwapFileSummary[]>();
  private readonly states = new Map<string, Readonly<Record<string, string>>>();

  /** Number of flowfiles held in memory (not counting swapped ones). */
  get size(): number {
    return this.flowFiles.size;
  }

  /** Applies one operation. Replay is lenient about ids it does not know, as a re-applied delete is harmless. */
  apply(operation: WalOperation): void {
    switch (operation.op) {
      case 'put':
        if (operation.fresh !== true) this.flowFiles.delete(operation.flowFile.id);
        this.flowFiles.set(operation.flowFile.id, operation);
        return;
      case 'delete':
        this.flowFiles.delete(operation.id);
        return;
      case 'swapOut': {
        for (const id of operation.ids) this.flowFiles.delete(id);
        const summaries = this.swapFiles.get(operation.swap.queue);
        if (summaries === undefined) this.swapFiles.set(operation.swap.queue, [operation.swap]);
        else summaries.push(operation.swap);
        return;
      }
      case 'swapIn': {
        const summaries = this.swapFiles.get(operation.queue);
        if (summaries === undefined) return;
        const remaining = summaries.filter((summary) => summary.file !== operation.file);
        if (remaining.length > 0) this.swapFiles.set(operation.queue, remaining);
        else this.swapFiles.delete(operation.queue);
        return;
      }
      case 'state':
        if (operation.state === null) this.states.delete(operation.component);
        else this.states.set(operation.component, operation.state);
        return;
      default: {
        const exhaustive: never = operation;
        throw new Error(`unknown WAL operation ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  /** Applies every operation of a record, in order. */
  applyAll(operations: readonly WalOperation[]): void {
    for (const operation of operations) this.apply(operation);
  }

  /** Names of every swap file a summary references. */
  swapFileNames(): Set<string> {
    const names = new Set<string>();
    for (const summaries of this.swapFiles.values()) {
      for (const summary of summaries) names.add(summary.file);
    }
    return names;
  }

  /** A copy of the state in the shape replay returns. */
  toRecovered(): RecoveredRepository {
    const queues = new Map<string, FlowFile[]>();
    for (const { queue, flowFile } of this.flowFiles.values()) {
      const flowFiles = queues.get(queue);
      if (flowFiles === undefined) queues.set(queue, [flowFile]);
      else flowFiles.push(flowFile);
    }
    const swapFiles = new Map<string, SwapFileSummary[]>();
    for (const [queue, summaries] of this.swapFiles) swapFiles.set(queue, [...summaries]);
    return { queues, swapFiles, states: new Map(this.states) };
  }

  /**
   * The state as batches of operations that rebuild it when applied to an empty state, in an
   * order that keeps each queue's commit order. Used to write snapshots in bounded memory.
   */
  *toOperations(batchSize: number): Generator<WalOperation[]> {
    let batch: WalOperation[] = [];
    const emit = function* (operation: WalOperation): Generator<WalOperation[]> {
      batch.push(operation);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    };
    for (const { queue, flowFile } of this.flowFiles.values()) {
      yield* emit({ op: 'put', queue, flowFile });
    }
    for (const summaries of this.swapFiles.values()) {
      for (const swap of summaries) yield* emit({ op: 'swapOut', swap, ids: [] });
    }
    for (const [component, state] of this.states) yield* emit({ op: 'state', component, state });
    if (batch.length > 0) yield batch;
  }
}
