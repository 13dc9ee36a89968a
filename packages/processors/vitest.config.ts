import { sluiceVitestConfig } from '../../vitest.shared.js';

// Tests of Kafka, SFTP, HDFS and Elasticsearch processors talk to real servers started once.
export default sluiceVitestConfig({ testTimeout: 60_000, globalSetup: ['./test/global-setup.ts'] });
