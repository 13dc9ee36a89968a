/**
 * Real services for Sluice's tests and development, without Docker: Kafka 4 in KRaft mode from
 * Maven Central's jars, and a private OpenSSH SFTP server. Each has a readiness check and a clean
 * stop; `npm run services:up` / `services:down` run them in the background.
 */
export { ensureKafkaRuntime, KAFKA_VERSION, type KafkaRuntime } from './kafka/kafka-runtime.js';
export {
  KAFKA_DEFAULT_PORTS,
  startKafka,
  waitForKafka,
  type KafkaServer,
  type KafkaServerOptions,
} from './kafka/kafka-server.js';
export { servicesDir, cacheDir } from './paths.js';
export { requireJava, requireMaven, requireOpenSsh } from './prerequisites.js';
export { freePort, isPortOpen } from './process/free-port.js';
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
  readServicesState,
  stateFile,
  type ServiceEntry,
  type ServicesState,
} from './state/state-file.js';
