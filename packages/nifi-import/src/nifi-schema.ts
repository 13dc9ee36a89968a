import { z } from 'zod';

/*
 * The parts of a NiFi 2 flow definition the converter reads. The shape is NiFi's
 * `RegisteredFlowSnapshot` / `VersionedProcessGroup` family (nifi-api's `org.apache.nifi.flow`
 * package) as "Download flow definition" writes it. Every object is loose: fields Sluice ignores
 * (`instanceIdentifier`, `executionNode`, `style` of processors, `zIndex`...) pass through
 * untouched, and nearly every field may be missing or null, as in real exports.
 */

const text = z.string().nullish();
const identifier = z.string().min(1, 'must be a non-empty string');

/** A point on NiFi's canvas. */
export const nifiPositionSchema = z.looseObject({ x: z.number(), y: z.number() });

/** The NAR a component comes from. */
export const nifiBundleSchema = z.looseObject({ group: text, artifact: text, version: text });

/** What NiFi records about a property: its name, the name shown, and whether it is secret or user-added. */
export const nifiPropertyDescriptorSchema = z.looseObject({
  name: text,
  displayName: text,
  sensitive: z.boolean().nullish(),
  dynamic: z.boolean().nullish(),
  identifiesControllerService: z.boolean().nullish(),
});

/** A `VersionedProcessor`. */
export const nifiProcessorSchema = z.looseObject({
  identifier,
  name: text,
  comments: text,
  position: nifiPositionSchema.nullish(),
  type: identifier,
  bundle: nifiBundleSchema.nullish(),
  /** Keyed by NiFi property name; a null value is an unset property. */
  properties: z.record(z.string(), z.string().nullable()).nullish(),
  propertyDescriptors: z.record(z.string(), nifiPropertyDescriptorSchema).nullish(),
  schedulingPeriod: text,
  schedulingStrategy: text,
  executionNode: text,
  penaltyDuration: text,
  yieldDuration: text,
  bulletinLevel: text,
  runDurationMillis: z.number().nullish(),
  concurrentlySchedulableTaskCount: z.number().nullish(),
  autoTerminatedRelationships: z.array(z.string()).nullish(),
  retryCount: z.number().nullish(),
  retriedRelationships: z.array(z.string()).nullish(),
  scheduledState: text,
});

/** One end of a connection: a processor, a port, a funnel or a remote port. */
export const nifiConnectableSchema = z.looseObject({
  id: identifier,
  type: z.string(),
  groupId: text,
  name: text,
});

/** A `VersionedConnection`. */
export const nifiConnectionSchema = z.looseObject({
  identifier,
  name: text,
  source: nifiConnectableSchema,
  destination: nifiConnectableSchema,
  selectedRelationships: z.array(z.string()).nullish(),
  backPressureObjectThreshold: z.number().nullish(),
  backPressureDataSizeThreshold: text,
  flowFileExpiration: text,
  prioritizers: z.array(z.string()).nullish(),
  bends: z.array(nifiPositionSchema).nullish(),
  loadBalanceStrategy: text,
});

/** A `VersionedLabel`; its style uses CSS names (`background-color`, `font-size`). */
export const nifiLabelSchema = z.looseObject({
  identifier,
  label: text,
  position: nifiPositionSchema.nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  style: z.record(z.string(), z.string().nullable()).nullish(),
});

/** A port, funnel, controller service or remote process group: only its identity is read. */
export const nifiNamedComponentSchema = z.looseObject({
  identifier,
  name: text,
  type: text,
  position: nifiPositionSchema.nullish(),
});

/** A `VersionedProcessGroup`; the root one is a flow definition's `flowContents`. */
export interface NiFiProcessGroup {
  readonly identifier: string;
  readonly name?: string | null | undefined;
  readonly comments?: string | null | undefined;
  readonly position?: NiFiPosition | null | undefined;
  readonly parameterContextName?: string | null | undefined;
  readonly processors?: readonly NiFiProcessor[] | null | undefined;
  readonly connections?: readonly NiFiConnection[] | null | undefined;
  readonly labels?: readonly NiFiLabel[] | null | undefined;
  readonly funnels?: readonly NiFiNamedComponent[] | null | undefined;
  readonly inputPorts?: readonly NiFiNamedComponent[] | null | undefined;
  readonly outputPorts?: readonly NiFiNamedComponent[] | null | undefined;
  readonly controllerServices?: readonly NiFiNamedComponent[] | null | undefined;
  readonly remoteProcessGroups?: readonly NiFiNamedComponent[] | null | undefined;
  readonly processGroups?: readonly NiFiProcessGroup[] | null | undefined;
}

/** A process group, with its nested groups parsed by the same schema. */
export const nifiProcessGroupSchema: z.ZodType<NiFiProcessGroup> = z.looseObject({
  identifier,
  name: text,
  comments: text,
  position: nifiPositionSchema.nullish(),
  parameterContextName: text,
  processors: z.array(nifiProcessorSchema).nullish(),
  connections: z.array(nifiConnectionSchema).nullish(),
  labels: z.array(nifiLabelSchema).nullish(),
  funnels: z.array(nifiNamedComponentSchema).nullish(),
  inputPorts: z.array(nifiNamedComponentSchema).nullish(),
  outputPorts: z.array(nifiNamedComponentSchema).nullish(),
  controllerServices: z.array(nifiNamedComponentSchema).nullish(),
  remoteProcessGroups: z.array(nifiNamedComponentSchema).nullish(),
  get processGroups() {
    return z.array(nifiProcessGroupSchema).nullish();
  },
});

/** A `VersionedParameter`; NiFi leaves a sensitive parameter's value out of a flow definition. */
export const nifiParameterSchema = z.looseObject({
  name: identifier,
  value: text,
  description: text,
  sensitive: z.boolean().nullish(),
  provided: z.boolean().nullish(),
});

/** A `VersionedParameterContext`, keyed by its name in the definition's `parameterContexts`. */
export const nifiParameterContextSchema = z.looseObject({
  identifier: text,
  name: text,
  description: text,
  parameters: z.array(nifiParameterSchema).nullish(),
  inheritedParameterContexts: z.array(z.string()).nullish(),
});

/**
 * A NiFi flow definition ("Download flow definition") or a registry snapshot (the same plus
 * `snapshotMetadata`, `flow` and `bucket`).
 */
export const nifiFlowDefinitionSchema = z.looseObject({
  flowContents: nifiProcessGroupSchema,
  parameterContexts: z.record(z.string(), nifiParameterContextSchema).nullish(),
  parameterProviders: z.record(z.string(), z.unknown()).nullish(),
  externalControllerServices: z.record(z.string(), z.unknown()).nullish(),
  flowEncodingVersion: text,
  snapshotMetadata: z.looseObject({ comments: text }).nullish(),
  flow: z.looseObject({ name: text, description: text }).nullish(),
});

export type NiFiPosition = z.output<typeof nifiPositionSchema>;
export type NiFiProcessor = z.output<typeof nifiProcessorSchema>;
export type NiFiPropertyDescriptor = z.output<typeof nifiPropertyDescriptorSchema>;
export type NiFiConnectable = z.output<typeof nifiConnectableSchema>;
export type NiFiConnection = z.output<typeof nifiConnectionSchema>;
export type NiFiLabel = z.output<typeof nifiLabelSchema>;
export type NiFiNamedComponent = z.output<typeof nifiNamedComponentSchema>;
export type NiFiParameter = z.output<typeof nifiParameterSchema>;
export type NiFiParameterContext = z.output<typeof nifiParameterContextSchema>;
export type NiFiFlowDefinition = z.output<typeof nifiFlowDefinitionSchema>;
