/**
 * W1 child entry: `w1.ts <sluice|node-red-function|node-red-change|plain-loop>` runs 100,000 × 1 KiB
 * flowfiles through the seed's regex wrap in one system and prints one result line.
 */
import { emitResult } from './support/result.js';
import { isW1System } from './w1-common.js';

const system = process.argv[2];
if (!isW1System(system))
  throw new Error(
    `usage: w1.ts <sluice|node-red-function|node-red-change|plain-loop>, got ${system}`,
  );

// Each system's code is imported only in its own child, so neither loads (or pays RSS for) the other.
switch (system) {
  case 'sluice':
    emitResult(await (await import('./w1-sluice.js')).runSluiceW1());
    break;
  case 'node-red-function':
    emitResult(await (await import('./w1-node-red.js')).runNodeRedW1('function'));
    break;
  case 'node-red-change':
    emitResult(await (await import('./w1-node-red.js')).runNodeRedW1('change'));
    break;
  case 'plain-loop':
    emitResult(await (await import('./w1-plain-loop.js')).runPlainLoopW1());
    break;
  default: {
    const _exhaustive: never = system;
    throw new Error(`unknown system ${String(_exhaustive)}`);
  }
}
// Node-RED and the engine may leave timers behind; the result is out, so end the child now.
process.exit(0);
