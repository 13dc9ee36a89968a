/**
 * The seed-004 workload for the fault suite, in one import: the text files to put on the SFTP
 * server, the shipped flow and its parameters for a run, the check of what the flow left on
 * HDFS, Elasticsearch and Kafka, and a drain that waits for a flow to finish.
 *
 * A fault test: `seedRun(services, id)` names the run's directories, topic and index;
 * `writeSeedFiles(run.localDir, n)` and `createSeedTopic(services, run)` prepare it;
 * `seedFlowDocument(options)` + `seedParameters(services, run)` open the flow on it;
 * `drain(probe, { done: () => seedProgress(files, target) })` waits; and
 * `checkSeedOutcome(files, { services, run })` returns figures to assert on.
 */
export { seededRandom, seedFileName, seedFileText, writeSeedFiles } from './seed-004/seed-files.js';
export {
  createSeedTopic,
  SEED_004_EXAMPLE,
  SEED_FAILURE_CONNECTIONS,
  seedFlowDocument,
  seedParameters,
  seedRun,
  type SeedFlowOptions,
  type SeedRun,
} from './seed-004/seed-run.js';
export {
  checkSeedOutcome,
  listSeedHdfs,
  seedDocumentCount,
  seedProgress,
  type ElasticsearchOutcome,
  type HdfsOutcome,
  type KafkaOutcome,
  type SeedOutcome,
  type SeedOutcomeTarget,
} from './seed-004/seed-outcome.js';
export {
  drain,
  engineProbe,
  type DrainOptions,
  type DrainProgress,
  type FlowProbe,
  type FlowSnapshot,
} from './seed-004/drain.js';
