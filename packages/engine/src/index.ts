/**
 * Sluice's flow engine: flowfiles, durable repositories, connection queues with back-pressure and
 * swap, process sessions, the processor spec, scheduling, provenance, statistics and bulletins.
 * Framework-free by design.
 */
export type { Bulletin } from './bulletins/bulletin.js';
export { BulletinBoard, type BulletinQuery } from './bulletins/bulletin-board.js';
export type { BulletinSummary } from './bulletins/bulletin-summary.js';
export { maskSecrets, SECRET_MASK, sensitiveValues } from './controller/sensitive-values.js';
export { isSensitiveProperty, sensitivityOf } from './processor/sensitive-property.js';
export type { ContentClaim } from './content/content-claim.js';
export { ContentRepository } from './content/content-repository.js';
export { cronProblem } from './controller/cron-problem.js';
export { checkFlowEdit } from './controller/check-flow-edit.js';
export type { ConnectionStatus, ProcessorStatus } from './controller/component-status.js';
export { FlowEngine, type FlowEngineOptions } from './controller/flow-engine.js';
export { settingsOf } from './controller/queue-settings.js';
export { ProcessorNode, type StartResult } from './controller/processor-node.js';
export { validateFlow } from './controller/validate-flow.js';
export {
  EngineEvents,
  type ControllerServiceState,
  type EngineEvent,
  type RunState,
} from './events/engine-events.js';
export { CoreAttribute, withChanges, type FlowFile } from './flowfile/flowfile.js';
export { copyAttributes } from './flowfile/attribute-map.js';
export type {
  ComponentLog,
  LogLevel,
  ProcessContext,
  ValidationContext,
} from './processor/process-context.js';
export {
  defineProcessor,
  relationshipsOf,
  type AnyProcessorDefinition,
  type DynamicPropertySpec,
  type InputRequirement,
  type ProcessorDefinition,
  type ValidationIssue,
} from './processor/processor-definition.js';
export { ProcessorRegistry } from './processor/processor-registry.js';
export {
  prop,
  type AllowableValue,
  type ExpressionScope,
  type PropertyDescriptor,
  type PropertyKind,
  type PropertyMap,
  type ValueOf,
} from './processor/property-descriptor.js';
export {
  validateProperties,
  type ServiceLookup,
  type ServiceSummary,
} from './processor/validate-properties.js';
export {
  defineControllerService,
  type AnyControllerServiceDefinition,
  type ControllerServiceDefinition,
  type ServiceContext,
} from './service/controller-service-definition.js';
export { ControllerServiceNode } from './service/controller-service-node.js';
export { serviceLookup } from './service/service-lookup.js';
export { serviceApi, type ServiceApi } from './service/service-api.js';
export type { ProvenanceEvent, ProvenanceEventType } from './provenance/provenance-event.js';
export { PROVENANCE_EVENT_TYPES } from './provenance/provenance-event.js';
export { eventContent, type ContentSide, type EventContent } from './provenance/event-content.js';
export type {
  LineageEventNode,
  LineageFlowFileNode,
  LineageGraph,
  LineageLink,
  LineageNode,
} from './provenance/lineage.js';
export type { ProvenanceQuery } from './provenance/provenance-query.js';
export { ProvenanceRepository } from './provenance/provenance-repository.js';
export {
  ConnectionQueue,
  DEFAULT_QUEUE_SETTINGS,
  type QueueSettings,
  type QueueSize,
} from './queue/connection-queue.js';
export type { PrioritizerName } from './queue/prioritizers.js';
export {
  QUEUE_SORT_FIELDS,
  type QueueFilter,
  type QueueListingPage,
  type QueueListingQuery,
  type QueuedFlowFileSummary,
  type QueueSortField,
  type SortDirection,
} from './queue/listing/listing-query.js';
export type { QueuedFlowFile } from './queue/listing/queue-lister.js';
export { FlowFileRepository } from './repository/flowfile-repository.js';
export type { FsyncPolicy } from './repository/fsync-policy.js';
export { isOutOfSpace, OutOfSpaceError, type RepositoryKind } from './repository/out-of-space.js';
export { RepositoryError, type RepositoryErrorCode } from './repository/repository-error.js';
export type {
  ContentRange,
  ContentSource,
  FlowFileFilter,
  FlowFileFilterResult,
  ProcessSession,
  SessionProvenance,
} from './session/process-session.js';
export { ProcessorError } from './session/processor-error.js';
export type { ConnectionCounters, ProcessorCounters } from './stats/component-stats.js';
export { CONNECTION_COUNTERS, PROCESSOR_COUNTERS } from './stats/component-stats.js';
export { StatusHistory, type StatusPoint } from './stats/status-history.js';
export { StatusHistoryFile, STATUS_RETENTION_MS } from './stats/status-history-file.js';
export {
  TestRunner,
  type OutputFlowFile,
  type TestRunnerOptions,
  type TestRunnerService,
} from './testing/test-runner.js';
