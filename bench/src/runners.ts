/**
 * The runner's side of each workload: prepare inputs, spawn the measured children (one fresh
 * process each), kill where the workload says so, verify outputs, and clean up.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runWorkload, startWorkload, type ChildOptions } from './support/child.js';
import { expectResult } from './support/result.js';
import { makeTempDir, removeDir } from './support/temp-dir.js';
import { W1_SYSTEMS, type W1Result } from './w1-common.js';
import { W2_FILE_BYTES, W2_FILE_NAME, type W2Result } from './w2-common.js';
import { createRandomFile, sha256File } from './w2-files.js';
import type { W3FillResult, W3RestoreResult, W3Results } from './w3-common.js';

/** How long the restarted W3 child may take to close its engine after reporting. */
const CLOSE_TIMEOUT_MS = 60_000;

/** W1 results of every run, by system, runs alternating between systems. */
export async function runW1(runs: number, options: ChildOptions): Promise<W1Result[]> {
  const results: W1Result[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const system of W1_SYSTEMS) {
      console.error(`W1 run ${run}/${runs}: ${system}`);
      results.push(expectResult<W1Result>(await runWorkload('w1.ts', [system], options), 'W1'));
    }
  }
  return results;
}

/** W2 with the runner-side hash check. */
export async function runW2(options: ChildOptions): Promise<W2Result> {
  const dir = await makeTempDir('w2');
  try {
    const [input, output, data] = ['in', 'out', 'data'].map((d) => path.join(dir, d)) as [
      string,
      string,
      string,
    ];
    await Promise.all([mkdir(input), mkdir(output)]);
    console.error(`W2: writing ${W2_FILE_BYTES} random bytes`);
    const inputHash = await createRandomFile(path.join(input, W2_FILE_NAME), W2_FILE_BYTES);
    console.error('W2: ListFile → FetchFile → PutFile');
    const result = expectResult<W2Result>(
      await runWorkload('w2.ts', [input, output, data], options),
      'W2',
    );
    const outputHash = await sha256File(path.join(output, W2_FILE_NAME));
    return { ...result, hashMatches: outputHash === inputHash };
  } finally {
    await removeDir(dir);
  }
}

/** W3: queue a million flowfiles, SIGKILL, restart on the same data dir. */
export async function runW3(options: ChildOptions): Promise<W3Results> {
  const dataDir = await makeTempDir('w3');
  try {
    console.error('W3: filling the queue');
    const filling = startWorkload('w3.ts', ['fill', dataDir], { ...options, exposeGc: true });
    const fill = expectResult<W3FillResult>((await filling.result).value, 'W3-fill');
    filling.process.kill('SIGKILL');
    const { signal } = await filling.exit;
    console.error('W3: killed; restarting');
    const restarting = startWorkload('w3.ts', ['restore', dataDir], { ...options, exposeGc: true });
    const received = await restarting.result;
    // The child closes the engine after reporting; a close that does not end is a finding, not a hang.
    const closed = await Promise.race([
      restarting.exit,
      sleep(CLOSE_TIMEOUT_MS).then(() => undefined),
    ]);
    if (closed === undefined) {
      console.error(
        `W3: the restarted engine did not close within ${CLOSE_TIMEOUT_MS / 1000} s; killing it`,
      );
      restarting.process.kill('SIGKILL');
      await restarting.exit;
    } else if (closed.code !== 0) {
      throw new Error(`W3 restore exited with code ${closed.code}`);
    }
    const restore = expectResult<W3RestoreResult>(received.value, 'W3-restore');
    return {
      fill,
      restore,
      restartWallMs: restore.restoredAtEpochMs - restarting.spawnedAtEpochMs,
      killedBy: signal,
      closedCleanly: closed !== undefined,
    };
  } finally {
    await removeDir(dataDir);
  }
}
