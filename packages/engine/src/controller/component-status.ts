import type { QueueSize } from '../queue/connection-queue.js';
import type { ConnectionCounters, ProcessorCounters } from '../stats/component-stats.js';
import type { ProcessorNode } from './processor-node.js';

/** A processor's status for the UI and the CLI. */
export interface ProcessorStatus {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly state: ProcessorNode['state'];
  readonly activeTasks: number;
  /** An outgoing queue is full, so the scheduler holds the processor back (back-pressure). */
  readonly backPressured: boolean;
  readonly validationErrors: readonly string[];
  readonly stats: ProcessorCounters;
}

/** A connection's status: what is queued now and its 5-minute in/out. */
export interface ConnectionStatus {
  readonly id: string;
  readonly queued: QueueSize;
  readonly swapped: number;
  readonly full: boolean;
  readonly stats: ConnectionCounters;
}
