import type { FlowEngine } from '@sluice/engine';

/** A running flow as a drain sees it. */
export interface FlowSnapshot {
  /** Flowfiles queued in each connection, by connection id. */
  readonly queued: Readonly<Record<string, number>>;
  /**
   * Tasks running now, by processor id (those with none left out): reported, not waited for,
   * since a source such as ConsumeKafka is nearly always in a task (each one waits up to a
   * second for records).
   */
  readonly activeTasks: Readonly<Record<string, number>>;
  /** The latest bulletins as text, newest last: what a timeout reports. */
  readonly bulletins: readonly string[];
}

/** Takes a {@link FlowSnapshot}: of an engine in this process, or of one in a child process. */
export type FlowProbe = () => FlowSnapshot | Promise<FlowSnapshot>;

/** A probe of an engine running in this process. */
export function engineProbe(engine: FlowEngine): FlowProbe {
  return () => ({
    queued: Object.fromEntries(engine.connectionStatus().map((c) => [c.id, c.queued.count])),
    activeTasks: activeTasksOf(engine),
    bulletins: engine.bulletins
      .query({ limit: 20 })
      .map((b) => `${b.level} [${b.componentName}] ${b.message}`),
  });
}

/** Tasks running now in `engine`, by processor id, those with none left out. */
export function activeTasksOf(engine: FlowEngine): Record<string, number> {
  return Object.fromEntries(
    engine
      .processorStatus()
      .filter((p) => p.activeTasks > 0)
      .map((p) => [p.id, p.activeTasks]),
  );
}

/** Whether what a drain waits for holds, and if not, what is missing (a timeout reports it). */
export interface DrainProgress {
  readonly complete: boolean;
  readonly summary: string;
}

/** Options of {@link drain}. */
export interface DrainOptions {
  /** Fails after this long. */
  readonly timeoutMs: number;
  /** Between polls (default 500 ms). */
  readonly intervalMs?: number;
  /**
   * What must also hold, such as every file arrived in the sinks: empty queues alone can be a
   * flow that has not listed or consumed yet (ListSFTP runs every 10 s, Kafka may be rebalancing).
   */
  readonly done?: () => Promise<DrainProgress>;
  /**
   * What makes waiting pointless, such as a flowfile in a held failure queue (it will never reach
   * the sinks): a description ends the drain at once with it; undefined while nothing has.
   */
  readonly failed?: () => string | undefined;
}

/**
 * Waits until every connection is empty and `done` holds, twice in a row (a flowfile between
 * two processors, taken but not yet committed, is in no queue for a moment). Resolves with the milliseconds it took;
 * on timeout fails with what was still queued and the latest bulletins, which usually say why.
 */
export async function drain(probe: FlowProbe, options: DrainOptions): Promise<number> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 500;
  let calm = 0;
  for (;;) {
    const snapshot = await probe();
    const failure = options.failed?.();
    if (failure !== undefined) {
      throw new Error(`the flow cannot drain after ${Date.now() - started} ms: ${failure}`);
    }
    const empty = Object.values(snapshot.queued).every((n) => n === 0);
    const progress: DrainProgress = options.done
      ? await options.done().catch((error: unknown) => ({
          complete: false,
          summary: `cannot tell: ${String(error)}`,
        }))
      : { complete: true, summary: 'done' };
    const done = empty && progress.complete;
    calm = done ? calm + 1 : 0;
    if (calm >= 2) return Date.now() - started;
    if (Date.now() > deadline) {
      const listed = (counts: Readonly<Record<string, number>>) =>
        Object.entries(counts)
          .filter(([, n]) => n > 0)
          .map(([id, n]) => `${id}=${n}`)
          .join(' ') || 'none';
      throw new Error(
        `the flow did not drain in ${options.timeoutMs} ms: queued ${listed(snapshot.queued)}; ` +
          `active tasks ${listed(snapshot.activeTasks)}; ${progress.summary}; ` +
          `bulletins: ${snapshot.bulletins.join(' | ') || 'none'}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
