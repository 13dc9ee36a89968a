import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { maskSecrets, type FlowEngine } from '@sluice/engine';
import { DirectorySizes } from './directory-sizes.js';
import {
  REPOSITORY_KINDS,
  repositoryDirs,
  snapshotOf,
  type FlowSnapshot,
} from './flow-snapshot.js';

/** Where the metrics come from: the flows open now, and the secrets no label may show. */
export interface MetricsSources {
  readonly engines: () => readonly FlowEngine[];
  readonly secrets: () => readonly string[];
  /** How long measured repository sizes are reused (default 10 s). */
  readonly repositorySizeTtlMs?: number;
}

/** Sluice's registry and how to read it. */
export interface SluiceMetrics {
  readonly registry: Registry;
  /** The text Prometheus reads, from one fresh read of the flows. */
  scrape(): Promise<string>;
}

/** The run states `sluice_processor_run_state` reports, NiFi's four: one of them is 1. */
const RUN_STATES = ['RUNNING', 'STOPPED', 'DISABLED', 'INVALID'] as const;

const FLOW = ['flow_id', 'flow_name'] as const;
const CONNECTION = [
  ...FLOW,
  'connection_id',
  'connection_name',
  'source_id',
  'source_name',
  'destination_id',
  'destination_name',
] as const;
const PROCESSOR = [...FLOW, 'processor_id', 'processor_name', 'processor_type'] as const;

/**
 * Sluice's Prometheus registry (its own, not prom-client's global one): per-connection queues,
 * per-processor 5-minute statistics, run states and errors, bulletin counts, repository sizes on
 * disk, plus prom-client's default process metrics. Everything is read when Prometheus scrapes
 * (collect callbacks); nothing runs in between. Label values are names and ids only, with any
 * secret of a flow masked, never property or parameter values.
 */
export function createMetrics(sources: MetricsSources): SluiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const sizes = new DirectorySizes(sources.repositorySizeTtlMs ?? 10_000);
  // One read of the flows per scrape, shared by every metric it collects.
  let taken: Promise<FlowSnapshot[]> | undefined;
  const snapshots = (): Promise<FlowSnapshot[]> => {
    if (taken) return taken;
    const engines = sources.engines();
    sizes.retainOnly(new Set(engines.flatMap(repositoryDirs)));
    const now = Date.now();
    taken = Promise.all(engines.map((e) => snapshotOf(e, sizes, now)));
    return taken;
  };
  const label = (value: string): string => maskSecrets(value, sources.secrets());
  const flowLabels = (flow: FlowSnapshot) => ({
    flow_id: label(flow.flowId),
    flow_name: label(flow.flowName),
  });

  /** A gauge whose every series is rebuilt from a fresh snapshot at each scrape. */
  function gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (flow: FlowSnapshot, set: (labels: Record<L, string>, value: number) => void) => void,
  ): void {
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const flows = await snapshots();
        // Series of removed components must disappear, not keep their last value.
        this.reset();
        for (const flow of flows) fill(flow, (labels, value) => this.set(labels, value));
      },
    });
  }

  const connectionLabels = (flow: FlowSnapshot, c: FlowSnapshot['connections'][number]) => ({
    ...flowLabels(flow),
    connection_id: label(c.id),
    connection_name: label(c.name),
    source_id: label(c.sourceId),
    source_name: label(c.sourceName),
    destination_id: label(c.destinationId),
    destination_name: label(c.destinationName),
  });
  gauge(
    'sluice_connection_queued_flowfiles',
    'Flowfiles queued in a connection, swapped ones included.',
    CONNECTION,
    (flow, set) => {
      for (const c of flow.connections) set(connectionLabels(flow, c), c.queued.count);
    },
  );
  gauge(
    'sluice_connection_queued_bytes',
    'Bytes of content of the flowfiles queued in a connection.',
    CONNECTION,
    (flow, set) => {
      for (const c of flow.connections) set(connectionLabels(flow, c), c.queued.bytes);
    },
  );
  gauge(
    'sluice_connection_swapped_flowfiles',
    'Flowfiles of a connection swapped out to disk.',
    CONNECTION,
    (flow, set) => {
      for (const c of flow.connections) set(connectionLabels(flow, c), c.swapped);
    },
  );
  gauge(
    'sluice_connection_backpressure_active',
    '1 while a connection is at its back-pressure threshold, else 0.',
    CONNECTION,
    (flow, set) => {
      for (const c of flow.connections) set(connectionLabels(flow, c), c.full ? 1 : 0);
    },
  );

  const processorLabels = (flow: FlowSnapshot, p: FlowSnapshot['processors'][number]) => ({
    ...flowLabels(flow),
    processor_id: label(p.id),
    processor_name: label(p.name),
    processor_type: p.type,
  });
  const processorStats = [
    [
      'sluice_processor_flowfiles_in_5m',
      'Flowfiles a processor took from its queues in the last 5 minutes.',
      'inCount',
    ],
    [
      'sluice_processor_bytes_in_5m',
      'Bytes of the flowfiles a processor took in the last 5 minutes.',
      'inBytes',
    ],
    [
      'sluice_processor_flowfiles_out_5m',
      'Flowfiles a processor transferred to connections in the last 5 minutes.',
      'outCount',
    ],
    [
      'sluice_processor_bytes_out_5m',
      'Bytes of the flowfiles a processor transferred in the last 5 minutes.',
      'outBytes',
    ],
    [
      'sluice_processor_bytes_read_5m',
      'Content bytes a processor read in the last 5 minutes.',
      'bytesRead',
    ],
    [
      'sluice_processor_bytes_written_5m',
      'Content bytes a processor wrote in the last 5 minutes.',
      'bytesWritten',
    ],
    [
      'sluice_processor_tasks_5m',
      'Tasks (onTrigger calls) a processor ran in the last 5 minutes.',
      'tasks',
    ],
  ] as const;
  for (const [name, help, stat] of processorStats) {
    gauge(name, help, PROCESSOR, (flow, set) => {
      for (const p of flow.processors) set(processorLabels(flow, p), p.stats[stat]);
    });
  }
  gauge(
    'sluice_processor_errors_5m',
    'ERROR bulletins a processor posted in the last 5 minutes (failed tasks, rolled-back sessions).',
    PROCESSOR,
    (flow, set) => {
      for (const p of flow.processors) set(processorLabels(flow, p), flow.errors.get(p.id) ?? 0);
    },
  );
  gauge(
    'sluice_processor_active_tasks',
    'Tasks of a processor running now.',
    PROCESSOR,
    (flow, set) => {
      for (const p of flow.processors) set(processorLabels(flow, p), p.activeTasks);
    },
  );
  gauge(
    'sluice_processor_run_state',
    "A processor's run state: 1 for its state, 0 for the others (INVALID is stopped with validation errors).",
    [...PROCESSOR, 'state'],
    (flow, set) => {
      for (const p of flow.processors) {
        const current =
          p.state === 'STOPPED' && p.validationErrors.length > 0 ? 'INVALID' : p.state;
        for (const state of RUN_STATES)
          set({ ...processorLabels(flow, p), state }, state === current ? 1 : 0);
      }
    },
  );

  gauge(
    'sluice_bulletins_5m',
    'Bulletins posted in a flow in the last 5 minutes, by level.',
    [...FLOW, 'level'],
    (flow, set) => {
      for (const [level, count] of Object.entries(flow.bulletins))
        set({ ...flowLabels(flow), level }, count);
    },
  );
  gauge(
    'sluice_repository_size_bytes',
    "Size on disk of a flow's flowfile (WAL, snapshot, swap), content and provenance repository; measured at most every 10 s.",
    [...FLOW, 'repository'],
    (flow, set) => {
      for (const kind of REPOSITORY_KINDS)
        set({ ...flowLabels(flow), repository: kind }, flow.repositories[kind].bytes);
    },
  );
  gauge(
    'sluice_repository_files',
    "Files in a flow's repository directories; measured at most every 10 s.",
    [...FLOW, 'repository'],
    (flow, set) => {
      for (const kind of REPOSITORY_KINDS)
        set({ ...flowLabels(flow), repository: kind }, flow.repositories[kind].files);
    },
  );
  return {
    registry,
    async scrape() {
      taken = undefined;
      try {
        return await registry.metrics();
      } finally {
        taken = undefined;
      }
    },
  };
}

/**
 * `GET /metrics` in Prometheus's text format. The registry is made on the first scrape, so a
 * server nobody scrapes runs none of it (not even the default metrics' event-loop monitor).
 */
export function metricsRoute(sources: MetricsSources): RequestHandler {
  let metrics: SluiceMetrics | undefined;
  return async (_req, res) => {
    metrics ??= createMetrics(sources);
    const text = await metrics.scrape();
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(text);
  };
}
