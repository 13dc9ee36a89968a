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
import { ListFile } from './list-file.js';
import { ListSFTP } from './list-sftp.js';
import { LogAttribute } from './log-attribute.js';
import { PublishKafka } from './publish-kafka.js';
import { PutElasticsearchJson } from './put-elasticsearch-json.js';
import { PutFile } from './put-file.js';
import { PutHDFS } from './put-hdfs.js';
import { ReplaceText } from './replace-text.js';
import { RouteOnAttribute } from './route-on-attribute.js';
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
import { TransformJson } from './transform-json.js';
import { UpdateAttribute } from './update-attribute.js';

export {
  ConsumeKafka,
  ElasticSearchClientServiceApi,
  ElasticSearchClientServiceImpl,
  EvaluateJsonPath,
  FetchFile,
  FetchSFTP,
  GenerateFlowFile,
  HdfsConnectionServiceApi,
  ListFile,
  Kafka3ConnectionService,
  KafkaConnectionServiceApi,
  ListSFTP,
  LogAttribute,
  PublishKafka,
  PutElasticsearchJson,
  PutFile,
  PutHDFS,
  ReplaceText,
  RouteOnAttribute,
  SftpConnectionServiceApi,
  StandardHdfsConnectionService,
  StandardSftpConnectionService,
  TransformJson,
  UpdateAttribute,
  type ElasticSearchClientService,
  type HdfsConnectionService,
  type KafkaConnectionService,
  type SftpConnectionService,
};

/** Every processor type this package provides. */
export const STANDARD_PROCESSORS: readonly AnyProcessorDefinition[] = [
  ConsumeKafka,
  EvaluateJsonPath,
  FetchFile,
  FetchSFTP,
  GenerateFlowFile,
  ListFile,
  ListSFTP,
  LogAttribute,
  PublishKafka,
  PutElasticsearchJson,
  PutFile,
  PutHDFS,
  ReplaceText,
  RouteOnAttribute,
  TransformJson,
  UpdateAttribute,
];

/** Every controller service type this package provides (shared clients processors refer to). */
export const STANDARD_CONTROLLER_SERVICES: readonly AnyControllerServiceDefinition[] = [
  ElasticSearchClientServiceImpl,
  Kafka3ConnectionService,
  StandardHdfsConnectionService,
  StandardSftpConnectionService,
];

/** A registry holding every standard processor and controller service type. */
export function standardRegistry(): ProcessorRegistry {
  return new ProcessorRegistry(STANDARD_PROCESSORS, STANDARD_CONTROLLER_SERVICES);
}
