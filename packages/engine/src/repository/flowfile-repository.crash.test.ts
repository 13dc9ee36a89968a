import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowFileRepository } from './flowfile-repository.js';
import { lastCommitIn, stateAfter } from './fixtures/crash-workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'fixtures', 'crash-child.ts');
const packageRoot = join(here, '..', '..');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-crash-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the child until it has reported `commits` resolved commits, then SIGKILLs it. Returns the
 * highest commit number it reported.
 */
async function runAndKill(commits: number, fsync: string): Promise<number> {
  const process = spawn(
    globalThis.process.execPath,
    ['--conditions=@sluice/source', '--import', 'tsx', child, dir, fsync],
    { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  process.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => {
    process.on('exit', (_code, signal) => resolve(signal));
  });
  let reported = -1;
  let count = 0;
  for await (const line of createInterface({ input: process.stdout })) {
    if (line === 'ready') continue;
    reported = Math.max(reported, Number(line));
    if (++count >= commits) {
      process.kill('SIGKILL');
      break;
    }
  }
  const signal = await exited;
  if (signal !== 'SIGKILL')
    throw new Error(`the child exited by itself (${String(signal)}): ${stderr}`);
  return reported;
}

describe('FlowFileRepository under kill -9', () => {
  it('keeps every commit a killed process saw resolve, and exactly a prefix of its commits', async () => {
    for (const [round, fsync] of (['batch', 'never', 'always'] as const).entries()) {
      // given a child process committing in a loop, killed at a random moment
      const commits = 100 + Math.floor(Math.random() * 1500);
      const reported = await runAndKill(commits, fsync);

      // when the repository is reopened
      const repository = await FlowFileRepository.open(dir);
      const recovered = await repository.recover();
      await repository.close({ checkpoint: round % 2 === 0 });

      // then every reported commit is there, and the state is exactly that after commits 0..last
      const last = lastCommitIn(recovered);
      const context = `round ${round} (${fsync}): killed after ${commits} commits, reported up to ${reported}, recovered up to ${last}`;
      expect(last, context).toBeGreaterThanOrEqual(reported);
      const expected = stateAfter(last);
      expect(recovered.queues, context).toEqual(expected.queues);
      expect(recovered.states, context).toEqual(expected.states);
    }
  }, 120_000);
});
