import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { standardRegistry } from '@sluice/processors';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowWorkspace } from '../src/flows/flow-workspace.js';
import type { LogRecord } from './log-capture.js';
import { parseSamples, samplesOf } from './prometheus-text.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const main = path.resolve(import.meta.dirname, '../src/main.ts');
const demo = path.resolve(import.meta.dirname, '../../../examples/local-demo.json');

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Queued flowfiles per connection id, as the server's /metrics says. */
async function queuedByConnection(url: string): Promise<Record<string, number>> {
  const samples = parseSamples(await (await fetch(`${url}/metrics`)).text());
  return Object.fromEntries(
    samplesOf(samples, 'sluice_connection_queued_flowfiles').map((s) => [
      s.labels['connection_id'],
      s.value,
    ]),
  );
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  // The child loads the TypeScript sources through tsx: slow on a loaded 2-core machine.
  const deadline = Date.now() + 150_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('main.ts on SIGTERM', () => {
  it('shuts down gracefully: logs each step, exits 0, and the queues come back as they were', async () => {
    // Given the real server on the demo flow with its last processor (PutFile) stopped, so the
    // demo's three files stay queued in front of it
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-sigterm-'));
    dirs.push(dataDir);
    const flow = JSON.parse(await readFile(demo, 'utf8')) as {
      flow: { processors: { id: string; state?: string }[] };
    };
    flow.flow.processors.find((p) => p.id === 'put-file')!.state = 'STOPPED';
    const flowPath = path.join(dataDir, 'demo-flow.json');
    await writeFile(flowPath, JSON.stringify(flow));
    const child = spawn(
      process.execPath,
      ['--conditions=@sluice/source', '--import', tsx, main, '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          SLUICE_DATA_DIR: dataDir,
          SLUICE_FLOW: flowPath,
          SLUICE_LOG_LEVEL: 'info',
          SLUICE_ADMIN_PASSWORD: 'sigterm-test-password',
          SLUICE_SHUTDOWN_TIMEOUT_MS: '20000',
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // 'close', not 'exit': only then has everything the child wrote to stdout been read.
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const records = (): LogRecord[] =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogRecord);
    try {
      const serving = await poll(
        async () => records().find((r) => r.msg?.startsWith('Sluice is serving')),
        (r) => r !== undefined,
      );
      const url = serving!['url'] as string;
      const before = await poll(
        () => queuedByConnection(url),
        (q) => q['prefixed'] === 3 && q['listed'] === 0 && q['fetched'] === 0,
      );

      // When it gets SIGTERM
      child.kill('SIGTERM');
      const code = await exited;

      // Then it exits 0 after logging the shutdown's steps
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const messages = records().map((r) => r.msg);
      expect(messages).toContain(
        'SIGTERM received: shutting down (a second signal forces the exit)',
      );
      expect(records().find((r) => r['step'] === 'flows')).toMatchObject({
        flows: 1,
        queuedFlowFiles: 3,
      });
      expect(messages.at(-1)).toBe('Shutdown complete');

      // And reopening the data directory finds every queue as it was, and the run states saved
      const reopened = await FlowWorkspace.open({
        dataDir,
        registry: standardRegistry(),
        autoStart: false,
        parameterValues: { 'demo.dir': path.join(dataDir, 'demo') },
      });
      try {
        const engine = reopened.get('local-demo')!;
        const after = Object.fromEntries(
          engine.connectionStatus().map((c) => [c.id, c.queued.count]),
        );
        expect(after).toEqual(before);
        const states = Object.fromEntries(
          engine.document.flow.processors.map((p) => [p.id, p.state]),
        );
        expect(states).toMatchObject({ 'list-file': 'RUNNING', 'put-file': 'STOPPED' });
      } finally {
        await reopened.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 600_000);
});
