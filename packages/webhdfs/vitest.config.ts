import { mergeConfig } from 'vitest/config';
import { sluiceVitestConfig } from '../../vitest.shared.js';

// The client's tests start a real HDFS (two JVMs on 2 shared cores, and Hadoop's one-time jar
// download from Maven Central) in beforeAll: generous timeouts.
export default mergeConfig(sluiceVitestConfig({ testTimeout: 60_000 }), {
  test: { hookTimeout: 300_000 },
});
