/**
 * Sluice's processors, one per file with its test beside it, and the registry of them all.
 */
import {
  ProcessorRegistry,
  type AnyControllerServiceDefinition,
  type AnyProcessorDefinition,
} from '@sluice/engine';
import { ConsumeKafka } from './consume-kafka.js';
import { EvaluateJsonPath } from './evaluate-json-path.js';
import { FetchFile } from './fetch-file.js';
import { FetchSFTP } from './fetch-sftp.js';
import { GenerateFlowFile } from './generate-flow-file.js';
import { InvokeHTTP } from './invoke-http.js';
import { ListFile } from './list-file.js';
import { ListSFTP } from './list-sftp.js';
import { ListenHTTP } from './listen-http.js';
import { LogAttribute } from './log-attribute.js';
import { LookupAttribute } from './lookup-attribute.js';
import { LookupServiceApi, type LookupService } from './lookup/lookup-service.js';
import { MergeContent } from './merge-content.js';
import { PaginatedJsonQueryElasticsearch } from './paginated-json-query-elasticsearch.js';
import { PublishKafka } from './publish-kafka.js';
import { PutDatabaseRecord } from './put-database-record.js';
import { PutElasticsearchJson } from './put-elasticsearch-json.js';
import { PutFile } from './put-file.js';
import { PutHDFS } from './put-hdfs.js';
import { ReplaceText } from './replace-text.js';
import { RouteOnAttribute } from './route-on-attribute.js';
import { SearchElasticsearch } from './search-elasticsearch.js';
import {
  ElasticSearchClientServiceApi,
  ElasticSearchClientServiceImpl,
  type ElasticSearchClientService,
} from './services/elasticsearch-client-service.js';
import {
  HdfsConnectionServiceApi,
  StandardHdfsConnectionService,
  type HdfsConnectionService,
} from './services/hdfs-connection-service.js';
import {
  Kafka3ConnectionService,
  KafkaConnectionServiceApi,
  type KafkaConnectionService,
} from './services/kafka-connection-service.js';
import {
  SftpConnectionServiceApi,
  StandardSftpConnectionService,
  type SftpConnectionService,
} from './services/sftp-connection-service.js';
import {
  DBCPConnectionPool,
  DBCPServiceApi,
  type DBCPService,
} from './services/dbcp-connection-pool.js';
import {
  JsonTreeReader,
  RecordReaderFactoryApi,
  type RecordReaderFactory,
} from './services/json-tree-reader.js';
import { SimpleCsvFileLookupService } from './services/simple-csv-file-lookup-service.js';
import { SplitJson } from './split-json.js';
import { SplitText } from './split-text.js';
import { TailFile } from './tail-file.js';
import { TransformJson } from './transform-json.js';
import { UpdateAttribute } from './update-attribute.js';

export {
  ConsumeKafka,
  DBCPConnectionPool,
  DBCPServiceApi,
  ElasticSearchClientServiceApi,
  ElasticSearchClientServiceImpl,
  EvaluateJsonPath,
  FetchFile,
  FetchSFTP,
  GenerateFlowFile,
  InvokeHTTP,
  HdfsConnectionServiceApi,
  JsonTreeReader,
  ListFile,
  Kafka3ConnectionService,
  KafkaConnectionServiceApi,
  ListSFTP,
  ListenHTTP,
  LogAttribute,
  LookupAttribute,
  LookupServiceApi,
  MergeContent,
  PaginatedJsonQueryElasticsearch,
  PublishKafka,
  PutDatabaseRecord,
  PutElasticsearchJson,
  PutFile,
  PutHDFS,
  RecordReaderFactoryApi,
  ReplaceText,
  RouteOnAttribute,
  SearchElasticsearch,
  SftpConnectionServiceApi,
  SimpleCsvFileLookupService,
  StandardHdfsConnectionService,
  StandardSftpConnectionService,
  SplitJson,
  SplitText,
  TailFile,
  TransformJson,
  UpdateAttribute,
  type DBCPService,
  type ElasticSearchClientService,
  type HdfsConnectionService,
  type KafkaConnectionService,
  type LookupService,
  type RecordReaderFactory,
  type SftpConnectionService,
};

/** Every processor type this package provides. */
export const STANDARD_PROCESSORS: readonly AnyProcessorDefinition[] = [
  ConsumeKafka,
  EvaluateJsonPath,
  FetchFile,
  FetchSFTP,
  GenerateFlowFile,
  InvokeHTTP,
  ListFile,
  ListSFTP,
  ListenHTTP,
  LogAttribute,
  LookupAttribute,
  MergeContent,
  PaginatedJsonQueryElasticsearch,
  PublishKafka,
  PutDatabaseRecord,
  PutElasticsearchJson,
  PutFile,
  PutHDFS,
  ReplaceText,
  RouteOnAttribute,
  SearchElasticsearch,
  SplitJson,
  SplitText,
  TailFile,
  TransformJson,
  UpdateAttribute,
];

/** Every controller service type this package provides (shared clients processors refer to). */
export const STANDARD_CONTROLLER_SERVICES: readonly AnyControllerServiceDefinition[] = [
  DBCPConnectionPool,
  ElasticSearchClientServiceImpl,
  JsonTreeReader,
  Kafka3ConnectionService,
  SimpleCsvFileLookupService,
  StandardHdfsConnectionService,
  StandardSftpConnectionService,
];

/** A registry holding every standard processor and controller service type. */
export function standardRegistry(): ProcessorRegistry {
  return new ProcessorRegistry(STANDARD_PROCESSORS, STANDARD_CONTROLLER_SERVICES);
}
