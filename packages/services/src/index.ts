/**
 * Real services for Sluice's tests and development, without Docker: Kafka 4 in KRaft mode from
 * Maven Central's jars, a private OpenSSH SFTP server, a single-node Elasticsearch 8, and HDFS (a
 * NameNode and a DataNode with WebHDFS, Hadoop's jars from Maven Central). Each has a readiness
 * check and a clean stop; `npm run services:up` / `services:down` run them in the background.
 */
export {
  ELASTICSEARCH_VERSION,
  ensureElasticsearchRuntime,
  type ElasticsearchRuntime,
} from './elasticsearch/elasticsearch-runtime.js';
export {
  ELASTICSEARCH_DEFAULT_PORTS,
  startElasticsearch,
  waitForElasticsearch,
  type ElasticsearchServer,
  type ElasticsearchServerOptions,
} from './elasticsearch/elasticsearch-server.js';
export { ELASTICSEARCH_USER } from './elasticsearch/elasticsearch-user.js';
export { HADOOP_ADD_OPENS, type HdfsPorts } from './hdfs/hdfs-config.js';
export { waitForHdfs, type NamesystemState } from './hdfs/hdfs-jmx.js';
export { ensureHadoopRuntime, HADOOP_VERSION } from './hdfs/hdfs-runtime.js';
export {
  HDFS_DEFAULT_PORTS,
  startHdfs,
  type HdfsRole,
  type HdfsServer,
  type HdfsServerOptions,
} from './hdfs/hdfs-server.js';
export { ensureKafkaRuntime, KAFKA_VERSION, type KafkaRuntime } from './kafka/kafka-runtime.js';
export { ensureMavenRuntime, type MavenRuntime } from './maven/maven-runtime.js';
export {
  KAFKA_DEFAULT_PORTS,
  startKafka,
  waitForKafka,
  type KafkaSecurityInfo,
  type KafkaSecurityOptions,
  type KafkaServer,
  type KafkaServerOptions,
} from './kafka/kafka-server.js';
export { servicesDir, cacheDir } from './paths.js';
export { requireJava, requireMaven, requireOpenSsh } from './prerequisites.js';
export { freePort, isPortOpen } from './process/free-port.js';
export {
  startRestartableServices,
  type RestartableService,
  type RestartableServices,
} from './restartable-services.js';
export { ServiceError, type ServiceErrorCode } from './service-error.js';
export {
  isEntryRunning,
  servicesDown,
  servicesUp,
  SERVICE_NAMES,
  type ServiceName,
  type ServiceOutcome,
  type ServicePorts,
} from './service-manager.js';
export {
  SFTP_DEFAULT_PASSWORD,
  SFTP_DEFAULT_PORT,
  SFTP_DEFAULT_USER,
  SFTP_REMOTE_DIR,
  startSftp,
  type SftpConnectionInfo,
  type SftpServer,
  type SftpServerOptions,
} from './sftp/sftp-server.js';
export {
  entryPids,
  readServicesState,
  stateFile,
  type ServiceEntry,
  type ServicesState,
} from './state/state-file.js';
export { testWorkDir } from './test-work-dir.js';
export {
  startTestServices,
  type TestServiceName,
  type TestServices,
  type TestServicesInfo,
} from './test-services.js';
