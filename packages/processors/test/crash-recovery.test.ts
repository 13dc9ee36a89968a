import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlowEngine } from '@sluice/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { standardRegistry } from '../src/index.js';
import { CRASH_TEST_CONTENT, CRASH_TEST_FLOWFILES, crashTestFlow } from './support/crash-flow.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const child = path.join(import.meta.dirname, 'support', 'crash-child.ts');
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Starts the child; resolves with it once it printed `running` (repositories replayed). */
function startChild(
  dataDir: string,
  outDir: string,
): { process: ChildProcess; running: Promise<void>; exited: Promise<number | null> } {
  const proc = spawn(
    process.execPath,
    ['--conditions=@sluice/source', '--import', tsx, child, dataDir, outDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const running = new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('running')) resolve();
    });
    proc.once('exit', (code, signal) =>
      reject(new Error(`child exited (${code ?? signal}) before running: ${stderr}`)),
    );
  });
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  running.catch(() => {});
  return { process: proc, running, exited };
}

async function fileCount(dir: string): Promise<number> {
  return (await readdir(dir).catch(() => [])).filter((n) => !n.startsWith('.')).length;
}

async function totalBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(
    () => [],
  )) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

describe('crash recovery', () => {
  it('loses and duplicates nothing when the engine is SIGKILLed at random moments', async () => {
    // Given a flow generating 10,000 flowfiles through ReplaceText into PutFile
    const root = await mkdtemp(path.join(tmpdir(), 'sluice-crash-'));
    dirs.push(root);
    const dataDir = path.join(root, 'data');
    const outDir = path.join(root, 'out');
    let kills = 0;
    let peakContentBytes = 0;
    // When the child is killed with SIGKILL at >= 5 random moments while it works
    while (kills < 5) {
      const run = startChild(dataDir, outDir);
      await run.running;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 400));
      peakContentBytes = Math.max(
        peakContentBytes,
        await totalBytes(path.join(dataDir, 'content')),
      );
      const killed = run.process.kill('SIGKILL');
      const code = await run.exited;
      if (killed && code === null) kills++;
      if (code === 0) break; // it finished before the kill landed: the remaining runs start fresh work
    }
    // And then is let run to the end
    const last = startChild(dataDir, outDir);
    expect(await last.exited).toBe(0);

    // Then the output holds exactly the expected files with the right content
    const names = (await readdir(outDir)).filter((n) => !n.startsWith('.'));
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(names).toHaveLength(CRASH_TEST_FLOWFILES);
    for (const name of names) {
      expect(await readFile(path.join(outDir, name), 'utf8')).toBe(
        `{"${name}":"${CRASH_TEST_CONTENT}"}`,
      );
    }
    expect(await fileCount(outDir)).toBe(CRASH_TEST_FLOWFILES);

    // And every queue is empty and unreferenced content was collected
    const engine = await FlowEngine.open({
      dataDir,
      document: crashTestFlow(outDir),
      registry: standardRegistry(),
      autoStart: false,
    });
    try {
      expect(engine.connectionStatus().map((c) => c.queued.count)).toEqual([0, 0]);
      const usage = await engine.content.usage();
      expect(usage.bytes).toBe(0);
      expect(peakContentBytes).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  }, 240_000);
});
