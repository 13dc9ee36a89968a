import { configure } from '@testing-library/react';

// `npm test` runs these jsdom tests beside JVMs, Chromium and the other suites on 2 cores, where a
// render of 100 rows can take seconds: waitFor gets 10 s (not 1 s) before it reports a miss.
configure({ asyncUtilTimeout: 10_000 });
