import { chmod, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlowEngine, ProcessorRegistry, TestRunner } from '@sluice/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListFile } from './list-file.js';

/** A fixed modification time well in the past, so no age filter or clock matters. */
const T = new Date('2024-01-02T03:04:05.000Z');
const later = (seconds: number): Date => new Date(T.getTime() + seconds * 1000);

let dir: string;
const runners: TestRunner[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-list-file-'));
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
  await rm(dir, { recursive: true, force: true });
});

async function file(relative: string, content = 'x', mtime: Date = T): Promise<string> {
  const absolute = path.join(dir, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, content);
  await utimes(absolute, mtime, mtime);
  return absolute;
}

async function runner(properties: Record<string, string> = {}): Promise<TestRunner> {
  const created = await TestRunner.create(ListFile, {
    properties: { inputDirectory: dir, ...properties },
  });
  runners.push(created);
  return created;
}

async function listedNames(run: TestRunner): Promise<string[]> {
  return (await run.flowFiles('success')).map(
    (f) => `${f.attributes['path']}${f.attributes['filename']}`,
  );
}

/**
 * Closes the runner's engine and opens a new one over the same repositories, as after a restart;
 * `changes` edit the processor's properties in the flow first.
 */
async function reopen(run: TestRunner, changes: Record<string, string> = {}): Promise<FlowEngine> {
  await run.engine.close();
  const { document } = run.engine;
  const processors = document.flow.processors.map((p) =>
    p.id === 'under-test' ? { ...p, properties: { ...p.properties, ...changes } } : p,
  );
  return FlowEngine.open({
    dataDir: run.dataDir,
    document: { ...document, flow: { ...document.flow, processors } },
    registry: new ProcessorRegistry([ListFile]),
    fsync: 'never',
    autoStart: false,
  });
}

describe('ListFile', () => {
  it('lists each file once and not again on the next run', async () => {
    await file('a.txt');
    await file('b.txt', 'xx', later(1));
    const run = await runner();

    await run.run();
    await run.run();

    expect(await listedNames(run)).toEqual(['./a.txt', './b.txt']);
  });

  it('emits flowfiles without content, with a CREATE event each and no bulletin', async () => {
    await file('a.txt', 'some content');
    const run = await runner();

    await run.run();

    const [listed] = await run.flowFiles('success');
    expect(listed!.content.length).toBe(0);
    expect(listed!.attributes['file.size']).toBe('12');
    const events = await run.provenanceEvents();
    expect(events.map((e) => e.type)).toEqual(['CREATE']);
    expect(run.bulletins()).toEqual([]);
  });

  it('lists a file that appears after an earlier listing', async () => {
    await file('a.txt');
    const run = await runner();
    await run.run();

    await file('c.txt', 'x', later(60));
    await run.run();

    expect(await listedNames(run)).toEqual(['./a.txt', './c.txt']);
  });

  it('lists a later file with the same modification time as the last listed one, exactly once', async () => {
    await file('a.txt');
    const run = await runner();
    await run.run();

    await file('b.txt');
    await run.run();
    await run.run();

    expect(await listedNames(run)).toEqual(['./a.txt', './b.txt']);
  });

  it('lists a modified file again, as NiFi does', async () => {
    await file('a.txt');
    const run = await runner();
    await run.run();

    await file('a.txt', 'changed', later(5));
    await run.run();

    expect(await listedNames(run)).toEqual(['./a.txt', './a.txt']);
  });

  it('keeps the latest time and the names listed at that time in the committed state', async () => {
    const a = await file('a.txt', 'x', later(1));
    const b = await file('b.txt', 'x', later(1));
    await file('old.txt');
    const run = await runner();

    await run.run();

    const state = run.state()!;
    expect(state['listing.timestamp']).toBe(String(later(1).getTime()));
    const ids = Object.entries(state)
      .filter(([key]) => key.startsWith('id.'))
      .map(([, value]) => value);
    expect(ids.sort()).toEqual([a, b].sort());
  });

  it('neither loses nor repeats a listing when the engine is reopened from its repositories', async () => {
    await file('a.txt');
    const run = await runner();
    await run.run();
    const committed = run.state();

    await file('b.txt', 'x', later(1));
    const reopened = await reopen(run);
    try {
      expect(reopened.state('under-test')).toEqual(committed);
      expect(await reopened.runOnce('under-test')).toEqual({ ok: true });
      const queued = reopened.listQueue('success', 0, 100).map((f) => f.attributes['filename']);
      expect(queued).toEqual(['a.txt', 'b.txt']);
    } finally {
      await reopened.close();
    }
  });

  it('starts the listing over when the Input Directory changes, as NiFi does', async () => {
    await file('a.txt');
    const run = await runner();
    await run.run();
    const other = path.join(dir, 'other');
    // Older than everything listed so far: only a reset listing can pick it up.
    await file('other/z.txt', 'z', later(-3600));

    const reopened = await reopen(run, { inputDirectory: other });
    try {
      await reopened.runOnce('under-test');
      const queued = reopened.listQueue('success', 0, 100).map((f) => f.attributes['filename']);
      expect(queued).toEqual(['a.txt', 'z.txt']);
    } finally {
      await reopened.close();
    }
  });

  it('recurses into subdirectories and sets path and absolute.path', async () => {
    await file('top.txt');
    await file('sub/deep/inner.txt', 'x', later(1));
    const run = await runner();

    await run.run();

    const out = await run.flowFiles('success');
    expect(
      out.map((f) => [
        f.attributes['filename'],
        f.attributes['path'],
        f.attributes['absolute.path'],
      ]),
    ).toEqual([
      ['top.txt', './', `${dir}${path.sep}`],
      ['inner.txt', 'sub/deep/', `${path.join(dir, 'sub', 'deep')}${path.sep}`],
    ]);
  });

  it('stays in the input directory when Recurse Subdirectories is false', async () => {
    await file('top.txt');
    await file('sub/inner.txt');
    const run = await runner({ recurseSubdirectories: 'false' });

    await run.run();

    expect(await listedNames(run)).toEqual(['./top.txt']);
  });

  it('applies the File Filter to names and the Path Filter to directories', async () => {
    await file('root.csv');
    await file('root.txt');
    await file('keep/a.csv');
    await file('keep/deeper/b.csv');
    await file('skip/c.csv');
    const run = await runner({ fileFilter: '.*\\.csv', pathFilter: 'keep(/.*)?' });

    await run.run();

    expect((await listedNames(run)).sort()).toEqual([
      './root.csv',
      'keep/a.csv',
      'keep/deeper/b.csv',
    ]);
  });

  it('applies the size filters', async () => {
    await file('empty.txt', '');
    await file('small.txt', '12345');
    await file('large.txt', 'x'.repeat(5000));
    const run = await runner({ minimumFileSize: '1 B', maximumFileSize: '1 KB' });

    await run.run();

    expect(await listedNames(run)).toEqual(['./small.txt']);
  });

  it('holds back files younger than Minimum File Age and skips files older than Maximum File Age', async () => {
    await file('ancient.txt', 'x', new Date('2001-01-01T00:00:00Z'));
    await file('settled.txt');
    await file('fresh.txt', 'x', new Date());
    const run = await runner({ minimumFileAge: '1 hour', maximumFileAge: '3650 days' });

    await run.run();

    expect(await listedNames(run)).toEqual(['./settled.txt']);
  });

  it('ignores hidden files unless Ignore Hidden Files is false', async () => {
    await file('.hidden');
    await file('visible');
    const ignoring = await runner({ fileFilter: '.*' });
    const including = await runner({ fileFilter: '.*', ignoreHiddenFiles: 'false' });

    await ignoring.run();
    await including.run();

    expect(await listedNames(ignoring)).toEqual(['./visible']);
    expect((await listedNames(including)).sort()).toEqual(['./.hidden', './visible']);
  });

  it('sets NiFi file attributes: times, size, owner, permissions', async () => {
    const absolute = await file('a.txt', 'abc');
    await chmod(absolute, 0o640);
    const run = await runner();

    await run.run();

    const [listed] = await run.flowFiles('success');
    const attributes = listed!.attributes;
    expect(attributes['file.size']).toBe('3');
    expect(attributes['file.lastModifiedTime']).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/,
    );
    expect(attributes['file.creationTime']).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/,
    );
    expect(attributes['file.lastAccessTime']).toBe(attributes['file.lastModifiedTime']);
    if (process.platform !== 'win32') {
      expect(attributes['file.permissions']).toBe('rw-r-----');
      expect(attributes['file.owner']).toMatch(/.+/);
      expect(attributes['file.group']).toMatch(/.+/);
    }
  });

  it('leaves out owner, permissions and other times when Include File Attributes is false', async () => {
    await file('a.txt');
    const run = await runner({ includeFileAttributes: 'false' });

    await run.run();

    const [listed] = await run.flowFiles('success');
    expect(listed!.attributes['file.lastModifiedTime']).toBeDefined();
    expect(listed!.attributes['file.owner']).toBeUndefined();
    expect(listed!.attributes['file.permissions']).toBeUndefined();
    expect(listed!.attributes['file.creationTime']).toBeUndefined();
  });

  it('posts a bulletin naming a missing input directory and creates nothing', async () => {
    const missing = path.join(dir, 'does-not-exist');
    const run = await TestRunner.create(ListFile, { properties: { inputDirectory: missing } });
    runners.push(run);

    expect(run.validationErrors()).toEqual([]);
    await run.run();

    expect(await run.flowFiles('success')).toEqual([]);
    const messages = run.bulletins().map((b) => `${b.level} ${b.message}`);
    expect(messages).toEqual([`ERROR Input Directory ${missing} does not exist`]);
    expect(run.state()).toBeUndefined();
  });

  it('declares a one-minute default run schedule, as NiFi listers do', () => {
    expect(ListFile.defaultRunSchedule).toBe('1 min');
    expect(ListFile.inputRequirement).toBe('forbidden');
  });
});
