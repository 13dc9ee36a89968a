import { sluiceVitestConfig } from '../../vitest.shared.js';

// API tests start servers, git and scrypt hashing; on a busy 2-core machine one can take longer
// than the shared 20 s without anything being wrong.
export default sluiceVitestConfig({ testTimeout: 60_000 });
