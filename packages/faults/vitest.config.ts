import { sluiceVitestConfig } from '../../vitest.shared.js';

// Each fault test starts the real servers it needs itself: it stops and restarts them.
// One file at a time: the SIGKILL and outage tests each start four servers (three JVMs) of their own.
export default sluiceVitestConfig({ testTimeout: 20 * 60_000, fileParallelism: false });
