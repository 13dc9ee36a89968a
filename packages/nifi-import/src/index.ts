/**
 * `@sluice/nifi-import`: converts NiFi 2 flow definitions ("Download flow definition" files and
 * registry snapshots) into Sluice flow documents, reporting whatever cannot be mapped. Pure
 * functions; the processor types come from the caller (the engine's `ProcessorRegistry` fits).
 */
export {
  convertNiFiFlow,
  isNiFiFlowDefinition,
  type ConvertOptions,
  type NiFiConversion,
} from './convert-flow.js';
export { sluiceTypeName } from './convert-processor.js';
export {
  formatReportLine,
  type ImportReportLine,
  type NiFiComponentKind,
} from './import-report.js';
export {
  nifiFlowDefinitionSchema,
  nifiProcessGroupSchema,
  nifiProcessorSchema,
  nifiConnectionSchema,
  type NiFiFlowDefinition,
  type NiFiProcessGroup,
  type NiFiProcessor,
  type NiFiConnection,
} from './nifi-schema.js';
export type { CatalogProcessor, CatalogProperty, ProcessorCatalog } from './processor-catalog.js';
