/**
 * `@sluice/flow-schema`: the flow JSON format of Sluice. Zod schemas and types, migrations of
 * older schema versions, parsing with JSON-path errors, the deterministic serializer kept in git,
 * and pure graph helpers. Flow JSON is parsed only through this package.
 */
export {
  CURRENT_SCHEMA_VERSION,
  SCHEMA_VERSION,
  backPressureSchema,
  bulletinLevelSchema,
  componentRefSchema,
  connectionConfigSchema,
  controllerServiceConfigSchema,
  controllerServiceStateSchema,
  cronExpressionSchema,
  flowDocumentSchema,
  flowSchema,
  idSchema,
  labelSchema,
  labelStyleSchema,
  parameterContextSchema,
  parameterSchema,
  positionSchema,
  prioritizerSchema,
  processorConfigSchema,
  processorStateSchema,
  propertiesSchema,
  schedulingSchema,
  schedulingStrategySchema,
  sensitiveDynamicPropertiesSchema,
  sizeSchema,
} from './schema.js';
export type {
  BackPressureConfig,
  BulletinLevel,
  ConnectionConfig,
  ControllerServiceConfig,
  ControllerServiceState,
  Flow,
  FlowDocument,
  FlowDocumentInput,
  Label,
  LabelStyle,
  Parameter,
  ParameterContext,
  Position,
  Prioritizer,
  ProcessorConfig,
  ProcessorState,
  SchedulingConfig,
  SchedulingStrategy,
  Size,
} from './schema.js';
export {
  dataSizeString,
  durationString,
  formatDataSize,
  formatDuration,
  isDataSize,
  isDuration,
  parseDataSize,
  parseDuration,
} from './units.js';
export { FlowValidationError, formatFlowIssues, type FlowIssue } from './errors.js';
export { formatJsonPath, ROOT_PATH, type JsonPathSegment } from './json-path.js';
export { parseFlowDocument, safeParseFlowDocument, type SafeParseFlowResult } from './parse.js';
export {
  MIGRATIONS,
  migrateFlowDocument,
  migrateV0ToV1,
  type MigrateOptions,
  type Migration,
} from './migrations.js';
export { serializeFlowDocument } from './serialize.js';
export {
  canonicalizeFlowDocument,
  isParameterReference,
  type SerializeOptions,
} from './canonical.js';
export {
  isSensitiveDynamicProperty,
  type IsSensitiveProperty,
  type PropertyOwner,
} from './sensitive-properties.js';
export { findDuplicateIds } from './duplicates.js';
export {
  findDanglingReferences,
  findUnconnectedRelationships,
  findUnknownRelationships,
  incomingConnections,
  outgoingConnections,
  type RelationshipsOf,
  type UnconnectedRelationship,
} from './graph.js';
