import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FlowProbe } from './seed-004/drain.js';
import type { ChildStatus } from './sluice-child.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const CHILD = path.join(import.meta.dirname, 'sluice-child.ts');
/** Bulletins kept per process: enough to say why a drain is stuck. */
const KEPT_BULLETINS = 200;

/** How long a start took, in milliseconds. */
export interface Startup {
  /** From the spawn to the flow running: Node, loading the code, opening the flow. */
  readonly restartMs: number;
  /** Of that, `startSluice`: opening and replaying the repositories and starting the flow. */
  readonly openMs: number;
}

/** A Sluice server running in a child process (see sluice-child.ts), as a fault test drives it. */
export interface SluiceProcess {
  readonly process: ChildProcess;
  /** Resolves once the flow is open and started (see {@link Startup}); rejects if the process ends first. */
  readonly running: Promise<Startup>;
  /** Resolves when the process ends, with its exit code (null when a signal ended it) and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The latest status it reported (undefined before the first). */
  status(): ChildStatus | undefined;
  /** Its bulletins so far, as `LEVEL [name] message`, oldest first (the latest {@link KEPT_BULLETINS}). */
  bulletins(): readonly string[];
  /** A drain probe of its latest status. */
  readonly probe: FlowProbe;
  /** Its stderr so far. */
  stderr(): string;
}

/** Starts Sluice's server on `dataDir` with the flow and parameters of `configFile`. */
export function startSluiceProcess(dataDir: string, configFile: string): SluiceProcess {
  const spawned = Date.now();
  const child = spawn(
    process.execPath,
    ['--conditions=@sluice/source', '--import', tsx, CHILD, dataDir, configFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let latest: ChildStatus | undefined;
  const bulletins: string[] = [];
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const running = new Promise<Startup>((resolve, reject) => {
    let pending = '';
    child.stdout!.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('running ')) {
          resolve({ restartMs: Date.now() - spawned, openMs: Number(line.slice(8)) });
        } else if (line.startsWith('status ')) latest = JSON.parse(line.slice(7)) as ChildStatus;
        else if (line.startsWith('bulletin ')) {
          bulletins.push(line.slice(9));
          if (bulletins.length > KEPT_BULLETINS) bulletins.shift();
        }
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`Sluice exited (${code ?? signal}) before running: ${stderr}`)),
    );
  });
  // A kill before `running` is a test's choice; whoever awaits `running` still sees the rejection.
  running.catch(() => {});
  return {
    process: child,
    running,
    exited,
    status: () => latest,
    bulletins: () => [...bulletins],
    probe: () => ({
      queued: latest?.queued ?? { 'no status yet': 1 },
      activeTasks: latest?.activeTasks ?? {},
      bulletins: bulletins.slice(-20),
    }),
    stderr: () => stderr,
  };
}
