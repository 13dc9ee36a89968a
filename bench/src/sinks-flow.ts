/**
 * The Sluice side's flow document of a sinks case: a source that fills the queue in front of the
 * sink processor, the sink with its controller service, and a connection from the sink's failure
 * relationships into a processor that never runs, so a failed flowfile stays countable instead
 * of being auto-terminated out of sight.
 */
import { parseFlowDocument, type FlowDocument } from '@sluice/flow-schema';

/** A processor of the flow, before parsing. */
export interface SinkProcessorJson {
  readonly type: string;
  readonly properties: Readonly<Record<string, string>>;
  /** Tasks it may run at once (1 when absent). */
  readonly concurrentTasks?: number;
}

/** The controller service the sink refers to (by the id `service`). */
export interface SinkServiceJson {
  readonly type: string;
  readonly properties: Readonly<Record<string, string>>;
}

/** What a sinks flow is made of. */
export interface SinkFlowSpec {
  /** Fills the `queued` connection: GenerateFlowFile, or a lister run once. */
  readonly source: SinkProcessorJson;
  readonly sink: SinkProcessorJson;
  readonly service: SinkServiceJson;
  /** The sink's relationships that mean done (auto-terminated). */
  readonly done: readonly string[];
  /** The sink's other relationships: they go to the `failed` connection. */
  readonly failed: readonly string[];
}

/** Ids the harness refers to. */
export const SINK_FLOW_IDS = {
  source: 'source',
  sink: 'sink',
  nowhere: 'nowhere',
  queued: 'queued',
  failed: 'failed',
  service: 'service',
} as const;

/**
 * Builds and parses the flow document; every processor is saved STOPPED, the service ENABLED.
 * The queue in front of the sink holds `items` at most: back-pressure stops the source at exactly
 * that many (a stop alone may let one more batch in).
 */
export function sinkFlow(spec: SinkFlowSpec, items: number): FlowDocument {
  const ids = SINK_FLOW_IDS;
  const processor = (
    id: string,
    p: SinkProcessorJson,
    y: number,
    autoTerminated: readonly string[],
  ) => ({
    id,
    type: p.type,
    name: id,
    position: { x: 0, y },
    properties: p.properties,
    autoTerminatedRelationships: autoTerminated,
    state: 'STOPPED',
    ...(p.concurrentTasks !== undefined && {
      scheduling: { concurrentTasks: p.concurrentTasks },
    }),
  });
  // No other limit on the queues: the whole input is queued before the sink starts.
  const unlimited = { objectThreshold: 0, dataSizeThreshold: '0 B' };
  return parseFlowDocument({
    schemaVersion: 1,
    flow: {
      id: 'bench-sinks',
      name: 'bench-sinks',
      controllerServices: [
        {
          id: ids.service,
          type: spec.service.type,
          name: ids.service,
          properties: spec.service.properties,
          state: 'ENABLED',
        },
      ],
      processors: [
        processor(ids.source, spec.source, 0, []),
        processor(ids.sink, spec.sink, 200, spec.done),
        processor(ids.nowhere, { type: 'LogAttribute', properties: {} }, 400, ['success']),
      ],
      connections: [
        {
          id: ids.queued,
          source: { id: ids.source },
          relationships: ['success'],
          destination: { id: ids.sink },
          backPressure: { ...unlimited, objectThreshold: items },
        },
        {
          id: ids.failed,
          source: { id: ids.sink },
          relationships: spec.failed,
          destination: { id: ids.nowhere },
          backPressure: unlimited,
        },
      ],
    },
  });
}
