import type { FlowFile } from '../flowfile/flowfile.js';
import type { ConnectionQueue } from '../queue/connection-queue.js';
import type { FlowFileFilter } from './process-session.js';

/** Receives each flowfile taken from a queue: to process (`open`), or expired (to drop). */
export type OnTaken = (
  flowFile: FlowFile,
  queue: ConnectionQueue,
  kind: 'open' | 'expired',
) => void;

/**
 * A session's incoming queues, polled round-robin: each poll starts at the queue after the one
 * the previous poll started at, so no connection starves the others.
 */
export class IncomingQueues {
  readonly #queues: readonly ConnectionQueue[];
  readonly #onTaken: OnTaken;
  /** Expired flowfiles a poll met, reused from poll to poll. */
  readonly #expired: FlowFile[] = [];
  #next = 0;

  constructor(queues: readonly ConnectionQueue[], onTaken: OnTaken) {
    this.#queues = queues;
    this.#onTaken = onTaken;
  }

  /** Takes the next flowfile, without result arrays (most processors take one at a time). */
  takeOne(now: number): FlowFile | undefined {
    const queues = this.#queues;
    let found: FlowFile | undefined;
    for (let i = 0; i < queues.length && found === undefined; i++) {
      const queue = queues[(this.#next + i) % queues.length]!;
      found = queue.pollOne(now, this.#expired);
      this.#dropExpired(queue);
      if (found !== undefined) this.#onTaken(found, queue, 'open');
    }
    this.#rotate();
    return found;
  }

  /** Takes up to `max` flowfiles. */
  take(max: number, now: number): FlowFile[] {
    const queues = this.#queues;
    const taken: FlowFile[] = [];
    for (let i = 0; i < queues.length && taken.length < max; i++) {
      const queue = queues[(this.#next + i) % queues.length]!;
      const { flowFiles, expired } = queue.poll(max - taken.length, now);
      for (const flowFile of expired) this.#onTaken(flowFile, queue, 'expired');
      for (const flowFile of flowFiles) {
        this.#onTaken(flowFile, queue, 'open');
        taken.push(flowFile);
      }
    }
    this.#rotate();
    return taken;
  }

  /**
   * Takes the flowfiles `filter` accepts, queue after queue in a fixed order (not round-robin:
   * a processor looking at its queues twice in a row sees them in the same order).
   */
  takeMatching(filter: FlowFileFilter, now: number): FlowFile[] {
    let terminated = false;
    const watched: FlowFileFilter = (flowFile) => {
      const result = filter(flowFile);
      if (result === 'ACCEPT_AND_TERMINATE' || result === 'REJECT_AND_TERMINATE') terminated = true;
      return result;
    };
    const taken: FlowFile[] = [];
    for (const queue of this.#queues) {
      const { flowFiles, expired } = queue.pollMatching(watched, now);
      for (const flowFile of expired) this.#onTaken(flowFile, queue, 'expired');
      for (const flowFile of flowFiles) {
        this.#onTaken(flowFile, queue, 'open');
        taken.push(flowFile);
      }
      if (terminated) break;
    }
    return taken;
  }

  #dropExpired(queue: ConnectionQueue): void {
    const expired = this.#expired;
    if (expired.length === 0) return;
    for (const flowFile of expired) this.#onTaken(flowFile, queue, 'expired');
    expired.length = 0;
  }

  #rotate(): void {
    this.#next = this.#queues.length > 0 ? (this.#next + 1) % this.#queues.length : 0;
  }
}
