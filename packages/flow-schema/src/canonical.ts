import type {
  ConnectionConfig,
  ControllerServiceConfig,
  Flow,
  FlowDocument,
  Label,
  ParameterContext,
  Position,
  ProcessorConfig,
  Size,
} from './schema.js';
import {
  isSensitiveDynamicProperty,
  type IsSensitiveProperty,
  type PropertyOwner,
} from './sensitive-properties.js';
import { compareStrings, stringifyStable } from './stable-json.js';

/** Options for writing a flow. */
export interface SerializeOptions {
  /**
   * Whether a property of a processor or controller service holds a secret. Such values are left
   * out of the output unless they are exactly a parameter reference like `#{password}`, since a
   * reference reveals nothing and keeps the flow runnable. The dynamic properties a component
   * lists as sensitive are left out whether or not this is given.
   */
  readonly isSensitiveProperty?: IsSensitiveProperty;
}

/** A property value that is exactly one parameter reference, `#{name}`, and nothing else. */
const PARAMETER_REFERENCE = /^#\{[^{}]+\}$/;

/** Whether a property value is exactly one parameter reference such as `#{kafka.password}`. */
export function isParameterReference(value: string): boolean {
  return PARAMETER_REFERENCE.test(value);
}

/** Leaves out keys whose value is undefined, so optional fields are absent rather than undefined. */
function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** Integer coordinate; `|| 0` turns -0 (from rounding -0.4) into 0. */
function roundCoordinate(value: number): number {
  return Math.round(value) || 0;
}

function roundPosition(position: Position): Position {
  return { x: roundCoordinate(position.x), y: roundCoordinate(position.y) };
}

/** Sizes stay at least 1 after rounding, because the schema requires them to be positive. */
function roundSize(size: Size): Size {
  return {
    width: Math.max(1, Math.round(size.width)),
    height: Math.max(1, Math.round(size.height)),
  };
}

/** Sorts by a key; equal keys (only in invalid flows) fall back to the whole content, so the order never depends on the input order. */
function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort(
    (a, b) =>
      compareStrings(key(a), key(b)) ||
      compareStrings(stringifyStable(a, 0), stringifyStable(b, 0)),
  );
}

function sortStrings(values: readonly string[]): string[] {
  return [...values].sort(compareStrings);
}

function redactProperties(
  component: PropertyOwner,
  properties: Readonly<Record<string, string>>,
  options: SerializeOptions,
): Record<string, string> {
  const isSensitive = (key: string) =>
    isSensitiveDynamicProperty(component, key) ||
    (options.isSensitiveProperty?.(component, key) ?? false);
  return Object.fromEntries(
    Object.entries(properties).filter(
      ([key, value]) => !isSensitive(key) || isParameterReference(value),
    ),
  );
}

/** Sorted and without repeats; undefined when empty, so older flows are written as before. */
function canonicalSensitiveNames(names: readonly string[] | undefined): string[] | undefined {
  const distinct = sortStrings([...new Set(names ?? [])]);
  return distinct.length > 0 ? distinct : undefined;
}

function canonicalProcessor(
  processor: ProcessorConfig,
  options: SerializeOptions,
): ProcessorConfig {
  const { scheduling } = processor;
  return compact({
    id: processor.id,
    type: processor.type,
    name: processor.name,
    position: roundPosition(processor.position),
    properties: redactProperties(processor, processor.properties, options),
    scheduling: compact({
      strategy: scheduling.strategy,
      period: scheduling.period,
      cron: scheduling.cron,
      concurrentTasks: scheduling.concurrentTasks,
      penaltyDuration: scheduling.penaltyDuration,
      yieldDuration: scheduling.yieldDuration,
      bulletinLevel: scheduling.bulletinLevel,
    }),
    autoTerminatedRelationships: sortStrings(processor.autoTerminatedRelationships),
    state: processor.state,
    comments: processor.comments,
    sensitiveDynamicProperties: canonicalSensitiveNames(processor.sensitiveDynamicProperties),
  });
}

function canonicalConnection(connection: ConnectionConfig): ConnectionConfig {
  return compact({
    id: connection.id,
    name: connection.name,
    source: { id: connection.source.id },
    relationships: sortStrings(connection.relationships),
    destination: { id: connection.destination.id },
    backPressure: {
      objectThreshold: connection.backPressure.objectThreshold,
      dataSizeThreshold: connection.backPressure.dataSizeThreshold,
    },
    // Prioritizers apply in order and bends are drawn in order, so neither is sorted.
    prioritizers: [...connection.prioritizers],
    expiration: connection.expiration,
    bends: connection.bends.map(roundPosition),
  });
}

function canonicalLabel(label: Label): Label {
  return compact({
    id: label.id,
    text: label.text,
    position: roundPosition(label.position),
    size: roundSize(label.size),
    style:
      label.style === undefined
        ? undefined
        : compact({ background: label.style.background, fontSize: label.style.fontSize }),
  });
}

function canonicalService(
  service: ControllerServiceConfig,
  options: SerializeOptions,
): ControllerServiceConfig {
  return compact({
    id: service.id,
    type: service.type,
    name: service.name,
    properties: redactProperties(service, service.properties, options),
    state: service.state,
    sensitiveDynamicProperties: canonicalSensitiveNames(service.sensitiveDynamicProperties),
  });
}

function canonicalContext(context: ParameterContext): ParameterContext {
  const parameters = context.parameters.map((parameter) =>
    compact({
      name: parameter.name,
      // A sensitive value never leaves the server, so it is never written.
      value: parameter.sensitive ? undefined : parameter.value,
      sensitive: parameter.sensitive,
      description: parameter.description,
    }),
  );
  return compact({
    id: context.id,
    name: context.name,
    description: context.description,
    parameters: sortBy(parameters, (parameter) => parameter.name),
  });
}

/**
 * Puts a flow document in the canonical form it is saved in: entity arrays sorted by id,
 * parameters by name, relationship lists sorted, positions and sizes rounded to integers,
 * optional fields that are unset left out, and secrets removed (sensitive parameter values, and
 * sensitive property values that are not a `#{parameter}` reference, declared or dynamic). Fields that are not part
 * of the schema are not carried over. The input is not modified.
 */
export function canonicalizeFlowDocument(
  doc: FlowDocument,
  options: SerializeOptions = {},
): FlowDocument {
  const { flow } = doc;
  const canonicalFlow: Flow = compact({
    id: flow.id,
    name: flow.name,
    description: flow.description,
    parameterContextId: flow.parameterContextId,
    processors: sortBy(
      flow.processors.map((processor) => canonicalProcessor(processor, options)),
      (processor) => processor.id,
    ),
    connections: sortBy(flow.connections.map(canonicalConnection), (connection) => connection.id),
    labels: sortBy(flow.labels.map(canonicalLabel), (label) => label.id),
    controllerServices: sortBy(
      flow.controllerServices.map((service) => canonicalService(service, options)),
      (service) => service.id,
    ),
    parameterContexts: sortBy(
      flow.parameterContexts.map(canonicalContext),
      (context) => context.id,
    ),
  });
  return { schemaVersion: doc.schemaVersion, flow: canonicalFlow };
}
