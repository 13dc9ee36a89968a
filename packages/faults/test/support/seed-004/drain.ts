import type { FlowEngine } from '@sluice/engine';

/** A running flow as a drain sees it. */
export interface FlowSnapshot {
  /** Flowfiles queued in each connection, by connection id. */
  readonly queued: Readonly<Record<string, number>>;
  /**
   * Tasks running now: reported, not waited for, since a source such as ConsumeKafka is nearly
   * always in a task (each one waits up to a second for records).
   */
  readonly activeTasks: number;
  /** The latest bulletins as text, newest last: what a timeout reports. */
  readonly bulletins: readonly string[];
}

/** Takes a {@link FlowSnapshot}: of an engine in this process, or of one in a child process. */
export type FlowProbe = () => FlowSnapshot | Promise<FlowSnapshot>;

/** A probe of an engine running in this process. */
export function engineProbe(engine: FlowEngine): FlowProbe {
  return () => ({
    queued: Object.fromEntries(engine.connectionStatus().map((c) => [c.id, c.queued.count])),
    activeTasks: engine.processorStatus().reduce((n, p) => n + p.activeTasks, 0),
    bulletins: engine.bulletins
      .query({ limit: 20 })
      .map((b) => `${b.level} [${b.componentName}] ${b.message}`),
  });
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
  readonly done?: () => Promise<boolean>;
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
    const empty = Object.values(snapshot.queued).every((n) => n === 0);
    const complete = options.done ? await options.done().catch(() => false) : true;
    const done = empty && complete;
    calm = done ? calm + 1 : 0;
    if (calm >= 2) return Date.now() - started;
    if (Date.now() > deadline) {
      const queued = Object.entries(snapshot.queued)
        .filter(([, n]) => n > 0)
        .map(([id, n]) => `${id}=${n}`);
      throw new Error(
        `the flow did not drain in ${options.timeoutMs} ms: queued ${queued.join(' ') || 'nothing'}, ` +
          `${snapshot.activeTasks} active tasks, ${complete ? 'done' : 'not done'}; ` +
          `bulletins: ${snapshot.bulletins.join(' | ') || 'none'}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
