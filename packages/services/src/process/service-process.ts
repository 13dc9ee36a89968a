import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';

/** A server process started by the harness: its pid, its log file, and how it ended (if it did). */
export interface ServiceProcess {
  readonly pid: number;
  readonly logFile: string;
  /** Set once the process has exited: `code N` or `signal SIG`. */
  exitDescription(): string | undefined;
}

/** What to run, where its output goes, and whether it outlives the caller. */
export interface SpawnServiceOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  /** stdout and stderr are appended here, so a failed start can be explained from the log. */
  logFile: string;
  env?: NodeJS.ProcessEnv;
  /**
   * `true` for `services:up`: the server gets its own process group and keeps running after the
   * CLI exits. Tests pass `false` so the server is the test process's child.
   */
  detached: boolean;
}

/** Starts a server process with its output in a log file. Throws when it cannot be spawned. */
export function spawnService(options: SpawnServiceOptions): ServiceProcess {
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', log, log],
      detached: options.detached,
    });
    let exit: string | undefined;
    child.once('exit', (code, signal) => {
      exit = signal ? `signal ${signal}` : `code ${code}`;
    });
    child.once('error', (error) => {
      exit = `spawn error: ${error.message}`;
    });
    if (child.pid === undefined) {
      throw new Error(`could not start ${options.command}`);
    }
    // The harness tracks the server by pid; do not keep the caller's event loop alive for it.
    child.unref();
    return { pid: child.pid, logFile: options.logFile, exitDescription: () => exit };
  } finally {
    closeSync(log);
  }
}

/** The last `lines` lines of a log file, for error messages ('' when it cannot be read). */
export function tailOf(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Whether `pid` is a live process (a zombie counts as gone: it has exited and waits only to be
 * reaped by its parent).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name, is the state letter.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}

/**
 * The command line of `pid` ('' when it is gone), so `services:down` kills only a process that
 * is still the server it started, never an unrelated process that reused the pid.
 */
export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/**
 * Stops a server the way an operator would: SIGTERM (Kafka then shuts down in order, sshd closes
 * its listener), and SIGKILL if it is still running after `graceMs`. Resolves once it is gone.
 */
export async function stopProcess(pid: number, graceMs = 30_000): Promise<'stopped' | 'killed'> {
  if (!isAlive(pid)) return 'stopped';
  signal(pid, 'SIGTERM');
  if (await exitsWithin(pid, graceMs)) return 'stopped';
  signal(pid, 'SIGKILL');
  if (await exitsWithin(pid, 10_000)) return 'killed';
  throw new Error(`process ${pid} is still running after SIGKILL`);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone between the check and the signal: nothing to stop.
  }
}

async function exitsWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return !isAlive(pid);
}

/**
 * The pids of `pid`'s children, grandchildren and so on, from `/proc/<pid>/task/<tid>/children`
 * (a launcher such as Elasticsearch's CLI runs the server as its child). Empty when it is gone.
 */
export function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  const pending = [pid];
  while (pending.length > 0) {
    const parent = pending.pop()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      let children: string;
      try {
        children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.split(' ').filter(Boolean).map(Number)) {
        if (!found.includes(child)) {
          found.push(child);
          pending.push(child);
        }
      }
    }
  }
  return found;
}
