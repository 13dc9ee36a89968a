import type {
  CatalogEntry,
  ConnectionStatusView,
  ConnectionView,
  FlowView,
  ProcessorStatusView,
  ProcessorView,
} from '../api/types.js';

/** A stopped processor with default settings. */
export function processor(id: string, overrides: Partial<ProcessorView> = {}): ProcessorView {
  return {
    id,
    type: 'LogAttribute',
    name: `Processor ${id}`,
    position: { x: 0, y: 0 },
    properties: {},
    scheduling: {
      strategy: 'TIMER_DRIVEN',
      period: '0 sec',
      concurrentTasks: 1,
      penaltyDuration: '30 sec',
      yieldDuration: '1 sec',
      bulletinLevel: 'WARN',
    },
    autoTerminatedRelationships: [],
    state: 'STOPPED',
    relationships: [],
    ...overrides,
  };
}

/** A connection with default settings. */
export function connection(
  id: string,
  source: string,
  destination: string,
  relationships: string[] = ['success'],
): ConnectionView {
  return {
    id,
    source: { id: source },
    destination: { id: destination },
    relationships,
    backPressure: { objectThreshold: 10_000, dataSizeThreshold: '1 GB' },
    prioritizers: [],
    expiration: '0 sec',
    bends: [],
  };
}

/** A flow as `flows.get` returns it. */
export function flowView(
  id: string,
  processors: ProcessorView[],
  connections: ConnectionView[] = [],
): FlowView {
  return {
    schemaVersion: 1,
    flow: {
      id,
      name: `Flow ${id}`,
      processors,
      connections,
      labels: [],
      controllerServices: [],
      parameterContexts: [],
    },
  } as FlowView;
}

/** A processor's live status. */
export function processorStatus(
  id: string,
  inCount = 0,
  overrides: Partial<ProcessorStatusView> = {},
): ProcessorStatusView {
  return {
    id,
    name: id,
    type: 'LogAttribute',
    state: 'STOPPED',
    activeTasks: 0,
    backPressured: false,
    validationErrors: [],
    stats: {
      inCount,
      inBytes: inCount * 1024,
      outCount: 0,
      outBytes: 0,
      bytesRead: 0,
      bytesWritten: 0,
      tasks: 0,
      taskMillis: 0,
    },
    ...overrides,
  };
}

/** A connection's live status. */
export function connectionStatus(id: string, count = 0, threshold = 10_000): ConnectionStatusView {
  return {
    id,
    queued: { count, bytes: count * 100 },
    swapped: 0,
    full: threshold > 0 && count >= threshold,
    stats: { inCount: count, inBytes: 0, outCount: 0, outBytes: 0 },
    threshold,
  };
}

/** A property's UI hints, as the catalogs of processors and controller services give them. */
export type PropertyHints = CatalogEntry['ui'][string];

/** Hints of an optional, plain, non-sensitive property without a default, unless told otherwise. */
export function propertyHints(
  partial: Partial<PropertyHints> & Pick<PropertyHints, 'displayName' | 'kind'>,
): PropertyHints {
  return {
    description: '',
    required: false,
    defaultValue: undefined,
    allowableValues: null,
    expressionLanguage: 'none',
    sensitive: false,
    serviceApi: null,
    ...partial,
  };
}

/** A catalog entry with the given relationships (and anything else overridden). */
export function catalogEntry(
  type: string,
  relationships: string[] = [],
  overrides: Partial<CatalogEntry> = {},
): CatalogEntry {
  return {
    type,
    description: '',
    tags: [],
    inputRequirement: 'required',
    defaultRunSchedule: null,
    relationships: relationships.map((name) => ({ name, description: name })),
    dynamicProperties: null,
    schema: {} as CatalogEntry['schema'],
    ui: {},
    propertyOrder: [],
    ...overrides,
  };
}

/**
 * A catalog of four types covering the connect rules: a source that takes no input, a
 * success/failure processor, a type without relationships, and one whose dynamic properties add
 * relationships.
 */
export function smallCatalog() {
  return {
    GenerateFlowFile: catalogEntry('GenerateFlowFile', ['success'], {
      inputRequirement: 'forbidden',
    }),
    ReplaceText: catalogEntry('ReplaceText', ['success', 'failure']),
    Sink: catalogEntry('Sink', []),
    RouteOnAttribute: catalogEntry('RouteOnAttribute', ['unmatched', 'matched'], {
      dynamicProperties: { description: '', expressionScope: 'flowfile', addsRelationship: true },
      propertyOrder: ['routingStrategy'],
    } as Partial<CatalogEntry>),
  };
}
