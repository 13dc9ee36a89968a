/**
 * The Sluice side of every sinks case: a real FlowEngine on durable repositories (fsync batch, in
 * a fresh temp dir) whose `queued` connection is filled first; then the clock runs from starting
 * the sink to the commit that took its input count to the target. That commit is durable when it
 * resolves, so the figure includes the flowfile WAL, content repository and provenance work of
 * every flowfile, which the raw client does not do.
 */
import { FlowEngine, type ProcessorCounters } from '@sluice/engine';
import { standardRegistry } from '@sluice/processors';
import { SINKS_FSYNC } from './sinks-common.js';
import { SINK_FLOW_IDS, sinkFlow, type SinkFlowSpec } from './sinks-flow.js';
import { countersOf, startOrThrow, stopAfterOut, whenCommitted } from './support/sluice.js';
import { makeTempDir, removeDir } from './support/temp-dir.js';

/** How the queue in front of the sink is filled before the clock starts. */
export type SinkFill =
  /** GenerateFlowFile runs until it sent the target count; `batch` must divide it. */
  | { readonly kind: 'generate'; readonly batch: number }
  /** The source (a lister) runs once and must emit the target count. */
  | { readonly kind: 'run-once' };

/** What the harness measured. */
export interface SluiceSinkOutcome {
  readonly elapsedMs: number;
  readonly sink: ProcessorCounters;
  /** Flowfiles in the `failed` connection at the end (should be 0). */
  readonly failed: number;
  /** Flowfiles left in front of the sink at the end (should be 0). */
  readonly left: number;
  /** Of the queued input, how many were swapped to disk when the clock started. */
  readonly swappedAtStart: number;
  /** The engine's counters (what processors adjusted, e.g. Messages Sent). */
  readonly counters: Readonly<Record<string, number>>;
}

/** How long a run may take before it is reported as stuck (with the engine's bulletins). */
const DEADLINE_MS = Number(process.env['SLUICE_BENCH_SINKS_DEADLINE_MS'] ?? 15 * 60_000);

/** The largest of 1000, 100, 10, 1 that divides `items`: GenerateFlowFile then stops exactly. */
export function generateBatch(items: number): number {
  return [1000, 100, 10, 1].find((b) => b <= items && items % b === 0) ?? 1;
}

function queuedIn(engine: FlowEngine, connectionId: string) {
  const status = engine.connectionStatus().find((c) => c.id === connectionId);
  if (!status) throw new Error(`no connection ${connectionId}`);
  return status;
}

/** Rejects when `promise` has not settled in time, with the sink's recent bulletins. */
function withDeadline<T>(engine: FlowEngine, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const bulletins = engine.bulletins
        .query({ limit: 5 })
        .map((b) => `${b.componentName}: ${b.message}`);
      reject(
        new Error(
          `${what} did not finish within ${DEADLINE_MS / 1000} s (sink in ${countersOf(engine, SINK_FLOW_IDS.sink).inCount}); bulletins: ${bulletins.join(' | ') || 'none'}`,
        ),
      );
    }, DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Fills the queue, runs the sink until it took `items` flowfiles, and reports. */
export async function runSluiceSink(
  spec: SinkFlowSpec,
  items: number,
  fill: SinkFill,
): Promise<SluiceSinkOutcome> {
  const ids = SINK_FLOW_IDS;
  const dataDir = await makeTempDir('sinks');
  try {
    const engine = await FlowEngine.open({
      dataDir,
      document: sinkFlow(spec, items),
      registry: standardRegistry(),
      fsync: SINKS_FSYNC,
      autoStart: false,
    });
    try {
      // autoStart false leaves services saved ENABLED disabled too.
      const enabled = await engine.enableService(ids.service);
      if (!enabled.ok)
        throw new Error(`cannot enable the ${spec.service.type}: ${enabled.reasons.join('; ')}`);
      switch (fill.kind) {
        case 'generate': {
          const generated = stopAfterOut(engine, ids.source, items);
          await startOrThrow(engine, ids.source);
          await withDeadline(engine, generated, 'filling the queue');
          break;
        }
        case 'run-once': {
          const ran = await engine.runOnce(ids.source);
          if (!ran.ok) throw new Error(`the source cannot run: ${ran.reasons.join('; ')}`);
          break;
        }
        default: {
          const _exhaustive: never = fill;
          throw new Error(`unknown fill ${String(_exhaustive)}`);
        }
      }
      const queued = queuedIn(engine, ids.queued);
      if (queued.queued.count !== items)
        throw new Error(
          `queued ${queued.queued.count} flowfiles in front of the sink, expected ${items}`,
        );

      const finished = whenCommitted(engine, ids.sink, (c) => c.inCount >= items);
      const startedAt = performance.now();
      await startOrThrow(engine, ids.sink);
      const finishedAt = await withDeadline(engine, finished, 'the sink');
      await engine.stop(ids.sink);
      return {
        elapsedMs: finishedAt - startedAt,
        sink: countersOf(engine, ids.sink),
        failed: queuedIn(engine, ids.failed).queued.count,
        left: queuedIn(engine, ids.queued).queued.count,
        swappedAtStart: queued.swapped,
        counters: Object.fromEntries(engine.counters),
      };
    } finally {
      await engine.close();
    }
  } finally {
    await removeDir(dataDir);
  }
}
