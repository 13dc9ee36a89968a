import { mergeConfig } from 'vitest/config';
import { sluiceVitestConfig } from '../../vitest.shared.js';

// Real servers start inside these tests (a JVM on 2 shared cores, and Kafka's one-time jar
// download from Maven Central): generous timeouts, and one file at a time, since several files
// start JVMs and `npm test` runs the processors' servers beside them.
export default mergeConfig(sluiceVitestConfig({ testTimeout: 300_000, fileParallelism: false }), {
  test: { hookTimeout: 400_000 },
});
