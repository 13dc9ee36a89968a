import { mergeConfig } from 'vitest/config';
import { sluiceVitestConfig } from '../../vitest.shared.js';

// Real servers start inside these tests (a JVM on 2 shared cores, and Kafka's one-time jar
// download from Maven Central): generous timeouts.
export default mergeConfig(sluiceVitestConfig({ testTimeout: 120_000 }), {
  test: { hookTimeout: 300_000 },
});
