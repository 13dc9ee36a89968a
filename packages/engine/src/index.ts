/**
 * Sluice's flow engine: flowfiles, durable repositories, connection queues with back-pressure and
 * swap, process sessions, the processor spec, scheduling, provenance, statistics and bulletins.
 * Framework-free by design.
 */
export type { Bulletin } from './bulletins/bulletin.js';
export { BulletinBoard, type BulletinQuery } from './bulletins/bulletin-board.js';
export type { ContentClaim } from './content/content-claim.js';
export { ContentRepository } from './content/content-repository.js';
export { cronProblem } from './controller/cron-problem.js';
export type { ConnectionStatus, ProcessorStatus } from './controller/component-status.js';
export { FlowEngine, type FlowEngineOptions } from './controller/flow-engine.js';
export { settingsOf } from './controller/queue-settings.js';
export { ProcessorNode, type StartResult } from './controller/processor-node.js';
export { validateFlow } from './controller/validate-flow.js';
export { EngineEvents, type EngineEvent, type RunState } from './events/engine-events.js';
export { CoreAttribute, withChanges, type FlowFile } from './flowfile/flowfile.js';
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
export { validateProperties } from './processor/validate-properties.js';
export type { ProvenanceEvent, ProvenanceEventType } from './provenance/provenance-event.js';
export { ProvenanceRepository } from './provenance/provenance-repository.js';
export {
  ConnectionQueue,
  DEFAULT_QUEUE_SETTINGS,
  type QueueSettings,
  type QueueSize,
} from './queue/connection-queue.js';
export type { PrioritizerName } from './queue/prioritizers.js';
export { FlowFileRepository } from './repository/flowfile-repository.js';
export type { FsyncPolicy } from './repository/fsync-policy.js';
export type {
  ContentSource,
  ProcessSession,
  SessionProvenance,
} from './session/process-session.js';
export { ProcessorError } from './session/processor-error.js';
export type { ConnectionCounters, ProcessorCounters } from './stats/component-stats.js';
export { StatusHistory, type StatusPoint } from './stats/status-history.js';
export { TestRunner, type OutputFlowFile, type TestRunnerOptions } from './testing/test-runner.js';
