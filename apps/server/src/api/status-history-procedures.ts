import { CONNECTION_COUNTERS, PROCESSOR_COUNTERS } from '@sluice/engine';
import { engineOf, flowInput, idInput, notFound, viewerProcedure } from './trpc.js';

/** What a connection's history holds besides its 5-minute counters: what was queued. */
const CONNECTION_METRICS = ['queuedCount', 'queuedBytes', ...CONNECTION_COUNTERS] as const;

/**
 * A component's status history as columns, the shape charts draw: one time per point and, per
 * metric, one value per time. Processor counters are 5-minute totals at each point (as NiFi's
 * status history); a connection's queued count and bytes are what was queued then.
 */
export interface StatusHistorySeries {
  readonly componentId: string;
  readonly kind: 'processor' | 'connection';
  /** How often a point is recorded, so a chart can tell a gap (the server was down) from data. */
  readonly intervalMs: number;
  /** Epoch milliseconds, oldest first. */
  readonly times: readonly number[];
  /** Metric name → one value per time (0 where a point had none). */
  readonly series: Readonly<Record<string, readonly number[]>>;
}

/** status.history: one processor's or connection's recorded points (24 hours at most). */
export const statusHistoryProcedure = viewerProcedure
  .input(flowInput.extend({ componentId: idInput }))
  .query(({ ctx, input }): StatusHistorySeries => {
    const engine = engineOf(ctx, input.flowId);
    const kind = engine.processors.has(input.componentId)
      ? 'processor'
      : engine.connections.has(input.componentId)
        ? 'connection'
        : undefined;
    if (!kind)
      throw notFound('processor or connection', input.componentId, engine.document.flow.name);
    const metrics = kind === 'processor' ? PROCESSOR_COUNTERS : CONNECTION_METRICS;
    const points = engine.statusHistory.get(input.componentId);
    const series: Record<string, number[]> = {};
    for (const metric of metrics) series[metric] = points.map((p) => p.values[metric] ?? 0);
    return {
      componentId: input.componentId,
      kind,
      intervalMs: engine.statusIntervalMs,
      times: points.map((p) => p.time),
      series,
    };
  });
