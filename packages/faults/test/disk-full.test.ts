import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlowEngine, type Bulletin, type FlowFile } from '@sluice/engine';
import { parseFlowDocument, type FlowDocument } from '@sluice/flow-schema';
import { standardRegistry } from '@sluice/processors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeBytes, smallFileSystem, type SmallFileSystem } from './support/small-filesystem.js';

/*
 * Issue 8, part 3: the repositories on a nearly full file system. A flow fills a small tmpfs (a
 * loop-mounted ext4 if tmpfs is refused); the test checks that each writing processor says so in
 * one bulletin per yield and does not spin, that closing and reopening the engine on the full
 * disk keeps every committed flowfile exactly, and that the flow goes on by itself once a filler
 * file is deleted. It prints the figures docs/reliability.md quotes ("Full disk").
 */

/** Size of the file system the repositories live on. */
const FILE_SYSTEM_MIB = 48;
/** Taken by a filler file at the start; deleting it is how space "returns". */
const FILLER_MIB = 16;
/** Every generated flowfile's content: 64 KiB of numbered lines, checkable byte for byte. */
const TEXT = Array.from(
  { length: 2048 },
  (_, i) => `line ${String(i).padStart(5, '0')} of the disk-full test\n`,
)
  .join('')
  .slice(0, 64 * 1024);
const NO_SPACE = /no space left on device/i;
/** How long the processors are watched on the full disk. */
const WINDOW_MS = 5_000;
/** How long the reopened flow is watched, still full, before space is made. */
const STUCK_MS = 3_000;

/**
 * GenerateFlowFile (64 KiB per flowfile) → ReplaceText (prepends the flowfile's own name, so each
 * output proves which flowfile it came from) → PutFile into a directory on the main disk. Queues
 * have thresholds far above the small file system, so the disk fills before back-pressure stops
 * anything. ReplaceText runs four times a second, so a backlog forms in front of it.
 */
function diskFullFlow(
  outputDir: string,
  running: { generate: boolean; replace: boolean; put: boolean },
): FlowDocument {
  const state = (on: boolean) => (on ? 'RUNNING' : 'STOPPED');
  const queue = { objectThreshold: 1_000_000, dataSizeThreshold: '100 GB' };
  return parseFlowDocument({
    schemaVersion: 1,
    flow: {
      id: 'disk-full',
      name: 'Disk full',
      processors: [
        {
          id: 'generate',
          type: 'GenerateFlowFile',
          name: 'Generate',
          position: { x: 0, y: 0 },
          properties: { batchSize: '1', customText: TEXT },
          state: state(running.generate),
        },
        {
          id: 'replace',
          type: 'ReplaceText',
          name: 'Prepend name',
          position: { x: 0, y: 200 },
          properties: { searchValue: '(?s)(^.*$)', replacementValue: '${filename}|$1' },
          scheduling: { period: '250 ms' },
          state: state(running.replace),
        },
        {
          id: 'put',
          type: 'PutFile',
          name: 'Write',
          position: { x: 0, y: 400 },
          properties: { directory: outputDir, conflictResolutionStrategy: 'fail' },
          autoTerminatedRelationships: ['success'],
          state: state(running.put),
        },
      ],
      connections: [
        {
          id: 'generated',
          source: { id: 'generate' },
          relationships: ['success'],
          destination: { id: 'replace' },
          backPressure: queue,
        },
        {
          id: 'replaced',
          source: { id: 'replace' },
          relationships: ['success', 'failure'],
          destination: { id: 'put' },
          backPressure: queue,
        },
        {
          id: 'put-failed',
          source: { id: 'put' },
          relationships: ['failure'],
          destination: { id: 'put' },
          backPressure: queue,
        },
      ],
    },
  });
}

async function contentOf(engine: FlowEngine, flowFile: FlowFile): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of engine.readContent(flowFile)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Bulletins saying a repository write found no space, posted at or after `since`. */
function noSpaceBulletins(engine: FlowEngine, since: number): Bulletin[] {
  return engine.bulletins.query({ since, limit: 100_000 }).filter((b) => NO_SPACE.test(b.message));
}

/** The same, of processors only (a flow bulletin says the provenance repository is full). */
function processorNoSpaceBulletins(engine: FlowEngine, since: number): Bulletin[] {
  return noSpaceBulletins(engine, since).filter((b) => b.componentId !== 'flow');
}

/** Tasks (onTrigger runs) of the two processors that write content. */
function tasksOf(engine: FlowEngine): { generate: number; replace: number } {
  const tasks = (id: string) => engine.processors.get(id)!.stats.total().tasks;
  return { generate: tasks('generate'), replace: tasks('replace') };
}

/** Flowfiles in each connection (in memory or swapped). */
function queueCounts(engine: FlowEngine): {
  generated: number;
  replaced: number;
  putFailed: number;
} {
  const count = (id: string) => engine.connections.get(id)!.size().count;
  return {
    generated: count('generated'),
    replaced: count('replaced'),
    putFailed: count('put-failed'),
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('a full disk under the repositories', () => {
  let fs: SmallFileSystem | undefined;
  let outputDir: string | undefined;
  const engines: FlowEngine[] = [];

  async function openEngine(
    dataDir: string,
    running: { generate: boolean; replace: boolean; put: boolean },
  ): Promise<FlowEngine> {
    const engine = await FlowEngine.open({
      dataDir,
      document: diskFullFlow(outputDir!, running),
      registry: standardRegistry(),
    });
    engines.push(engine);
    return engine;
  }

  beforeAll(async () => {
    fs = await smallFileSystem(FILE_SYSTEM_MIB);
    outputDir = await mkdtemp(path.join(tmpdir(), 'sluice-disk-full-out-'));
  });
  afterAll(async () => {
    for (const engine of engines) await engine.close().catch(() => undefined);
    await fs?.release();
    if (outputDir !== undefined) await rm(outputDir, { recursive: true, force: true });
  });

  it('says so once per yield, loses nothing, and resumes on its own when space returns', async () => {
    // given a small file system, partly taken by a filler file, under the repositories
    const small = fs!;
    const dataDir = path.join(small.dir, 'data');
    const filler = path.join(small.dir, 'filler');
    await writeFile(filler, Buffer.alloc(FILLER_MIB * 1024 * 1024, 1));
    const figures: Record<string, number | string> = {
      'file system': `${small.kind}, ${small.bytes / 2 ** 20} MiB`,
    };

    // when a flow fills it (PutFile stopped, as when a downstream is down and data piles up)
    const a = await openEngine(dataDir, { generate: true, replace: true, put: false });
    const started = Date.now();
    await waitFor(() => processorNoSpaceBulletins(a, 0).length > 0, 'a no-space bulletin');
    const full = Date.now();
    figures['seconds to fill'] = (full - started) / 1000;

    // then a bulletin names the repository, its directory and the processor, and says no space
    expect(processorNoSpaceBulletins(a, 0)[0]!.message).toMatch(
      new RegExp(
        `^No space left on device while writing the (content|flowfile) repository at ${escape(dataDir)}/(content|flowfile) \\((Generate|Prepend name)\\): ENOSPC`,
      ),
    );

    // and while it stays full the processors yield: a bounded number of tasks and bulletins
    const tasksAtFull = tasksOf(a);
    const commits = { generate: 0, replace: 0 };
    const unsubscribe = a.events.subscribe((event) => {
      if (
        event.type === 'committed' &&
        (event.processorId === 'generate' || event.processorId === 'replace')
      )
        commits[event.processorId]++;
    });
    await sleep(WINDOW_MS);
    unsubscribe();
    const tasks = tasksOf(a);
    // Space comes and goes as failed writes are cut off: a task that committed found room.
    const failed = {
      generate: tasks.generate - tasksAtFull.generate - commits.generate,
      replace: tasks.replace - tasksAtFull.replace - commits.replace,
    };
    const windowBulletins = a.bulletins.query({ since: full + 1, limit: 100_000 });
    const perProcessor = countBy(windowBulletins, (b) => b.componentName);
    figures['Generate tasks in 5 s while full (committed, failed)'] =
      `${tasks.generate - tasksAtFull.generate} (${commits.generate}, ${failed.generate})`;
    figures['ReplaceText tasks in 5 s while full (committed, failed)'] =
      `${tasks.replace - tasksAtFull.replace} (${commits.replace}, ${failed.replace})`;
    figures['bulletins in 5 s while full'] = JSON.stringify(perProcessor);
    // Yield 1 s: at most one bulletin per yield and two tasks (a pipelined commit and the task
    // after it) per yield; a hot loop would run thousands.
    const yields = WINDOW_MS / 1000 + 1;
    expect(perProcessor['Generate'] ?? 0).toBeLessThanOrEqual(yields);
    expect(perProcessor['Prepend name'] ?? 0).toBeLessThanOrEqual(yields);
    expect(failed.generate).toBeLessThanOrEqual(2 * yields);
    expect(failed.replace).toBeLessThanOrEqual(2 * yields);
    expect(windowBulletins.every((b) => NO_SPACE.test(b.message))).toBe(true);

    // when the engine is closed and reopened while the disk is still full
    await a.stopAll();
    const committed = queueCounts(a);
    await a.close();
    figures['flowfiles committed before close'] = JSON.stringify(committed);
    const b = await openEngine(dataDir, { generate: false, replace: false, put: false });

    // then every committed flowfile is there, once, with its exact content
    expect(queueCounts(b)).toEqual(committed);
    expect(committed.generated).toBeGreaterThan(0);
    const ids = new Set<string>();
    for (const flowFile of b.listQueue('generated', 0, 1_000_000)) {
      ids.add(flowFile.id);
      expect(await contentOf(b, flowFile)).toBe(TEXT);
    }
    for (const flowFile of b.listQueue('replaced', 0, 1_000_000)) {
      ids.add(flowFile.id);
      expect(await contentOf(b, flowFile)).toBe(`${flowFile.attributes['filename']}|${TEXT}`);
    }
    expect(ids.size).toBe(committed.generated + committed.replaced);
    figures['free bytes after reopen'] = await freeBytes(small.dir);

    // when the flow runs on, still full
    await b.start('replace');
    const reopened = Date.now();
    await waitFor(
      () => processorNoSpaceBulletins(b, reopened).length > 0,
      'a no-space bulletin after reopen',
    );
    const stuck = queueCounts(b);
    const stuckSince = Date.now();
    await sleep(STUCK_MS);

    // then it is stuck, not lost: nothing moved, nothing dropped, and it said so once per yield
    expect(queueCounts(b)).toEqual(stuck);
    expect(stuck.generated).toBeGreaterThan(0);
    const stuckBulletins = processorNoSpaceBulletins(b, stuckSince).length;
    figures['ReplaceText bulletins in 3 s, reopened and full'] = stuckBulletins;
    expect(stuckBulletins).toBeLessThanOrEqual(STUCK_MS / 1000 + 1);

    // when space returns (no restart, no operator action on the processors)
    const moved = new Promise<number>((resolve) => {
      const off = b.events.subscribe((event) => {
        if (event.type === 'committed' && event.processorId === 'replace') {
          off();
          resolve(Date.now());
        }
      });
    });
    const freed = Date.now();
    await rm(filler);
    figures['seconds from freeing space to the first commit'] = ((await moved) - freed) / 1000;

    // then the flow drains on its own, and the downstream, started, writes every flowfile once
    await waitFor(
      () => b.connections.get('generated')!.isEmpty(),
      'ReplaceText to drain its queue',
    );
    figures['seconds from freeing space to ReplaceText drained'] = (Date.now() - freed) / 1000;
    await b.start('put');
    await waitFor(() => b.isQuiescent(), 'the flow to drain', 60_000);
    figures['seconds from freeing space to all written'] = (Date.now() - freed) / 1000;
    const names = await readdir(outputDir!);
    expect(names.length).toBe(committed.generated + committed.replaced);
    for (const name of names) {
      expect(await readFile(path.join(outputDir!, name), 'utf8')).toBe(`${name}|${TEXT}`);
    }
    expect(b.bulletins.query({ componentId: 'put' })).toEqual([]);
    figures['files written'] = names.length;

    // and once closed, no content is left behind: no claim leaked by the failed writes
    await b.close();
    expect(
      (await readdir(path.join(dataDir, 'content'))).filter((n) => n.endsWith('.claim')),
    ).toEqual([]);
    process.stdout.write(
      `Disk-full figures:\n${Object.entries(figures)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}\n`,
    );
  });
});
