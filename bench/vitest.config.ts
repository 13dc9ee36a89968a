import { sluiceVitestConfig } from '../vitest.shared.js';

// Unit tests of the report formatting only: the benchmarks themselves run with `npm run bench`.
export default sluiceVitestConfig();
