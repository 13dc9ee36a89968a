import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseResultLine } from './result.js';

/** Directory holding the workload entry points (`bench/src`). */
export const SRC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The package directory (`bench/`), the children's working directory so `tsx` resolves. */
export const BENCH_DIR = path.resolve(SRC_DIR, '..');

/** A running workload child: its process, its first result line, and its exit. */
export interface WorkloadChild {
  readonly process: ChildProcess;
  /** Time the child was spawned, on the runner's `performance.now()` clock. */
  readonly spawnedAt: number;
  /** Wall-clock time (epoch ms) the child was spawned, to compare with times the child reports. */
  readonly spawnedAtEpochMs: number;
  /** Resolves with the parsed result line and the runner's clock when it arrived. */
  readonly result: Promise<{ readonly value: unknown; readonly receivedAt: number }>;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  readonly exit: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

/** Options of a workload child. */
export interface ChildOptions {
  /** Write a V8 CPU profile of the child into this directory (`node --cpu-prof`). */
  readonly cpuProfileDir?: string | undefined;
  /** Start the child with `--expose-gc`, so it can also report memory after a full collection. */
  readonly exposeGc?: boolean;
  /** Variables added to the child's environment (it inherits the runner's otherwise). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Spawns `node --conditions=@sluice/source --import tsx bench/src/<script> ...args`: a fresh
 * process per workload, so one workload's heap and RSS never pollute another's figures. The
 * child's stderr is passed through; its stdout is scanned for the result line.
 */
export function startWorkload(
  script: string,
  args: readonly string[],
  options: ChildOptions = {},
): WorkloadChild {
  const nodeArgs = ['--conditions=@sluice/source', '--import', 'tsx'];
  if (options.exposeGc) nodeArgs.push('--expose-gc');
  if (options.cpuProfileDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  const spawnedAt = performance.now();
  const spawnedAtEpochMs = Date.now();
  const child = spawn(process.execPath, [...nodeArgs, path.join(SRC_DIR, script), ...args], {
    cwd: BENCH_DIR,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve({ code, signal }));
    },
  );
  const result = new Promise<{ value: unknown; receivedAt: number }>((resolve, reject) => {
    let found = false;
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const value = parseResultLine(line);
      if (value === undefined || found) return;
      found = true;
      resolve({ value, receivedAt: performance.now() });
    });
    void exit.then(({ code, signal }) => {
      if (!found)
        reject(
          new Error(
            `${script} ${args.join(' ')} exited (code ${code}, signal ${signal}) without a result`,
          ),
        );
    }, reject);
  });
  return { process: child, spawnedAt, spawnedAtEpochMs, result, exit };
}

/** Runs a workload child to completion and returns its result; a non-zero exit is an error. */
export async function runWorkload(
  script: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<unknown> {
  const child = startWorkload(script, args, options);
  const [{ value }, { code, signal }] = await Promise.all([child.result, child.exit]);
  if (code !== 0) throw new Error(`${script} exited with code ${code} (signal ${signal})`);
  return value;
}
