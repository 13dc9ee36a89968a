import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestRunner } from '@sluice/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FetchFile } from './fetch-file.js';

let dir: string;
let source: string;
const runners: TestRunner[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-fetch-file-'));
  source = path.join(dir, 'in');
  await mkdir(source);
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
  await rm(dir, { recursive: true, force: true });
});

async function runner(properties: Record<string, string> = {}): Promise<TestRunner> {
  const created = await TestRunner.create(FetchFile, { properties });
  runners.push(created);
  return created;
}

/** Enqueues a flowfile as ListFile would describe `name` in the source directory. */
async function enqueueListed(run: TestRunner, name: string): Promise<void> {
  await run.enqueue('', { filename: name, path: './', 'absolute.path': `${source}${path.sep}` });
}

async function sourceFile(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(source, name);
  await writeFile(file, content);
  return file;
}

const isRoot = process.getuid?.() === 0;

describe('FetchFile', () => {
  it('replaces the content with the file named by the ListFile attributes and leaves the file', async () => {
    const file = await sourceFile('a.txt', 'hello from disk');
    const run = await runner();
    await enqueueListed(run, 'a.txt');

    await run.run();

    const [fetched] = await run.flowFiles('success');
    expect(fetched!.text).toBe('hello from disk');
    expect(fetched!.attributes['filename']).toBe('a.txt');
    expect(await readFile(file, 'utf8')).toBe('hello from disk');
  });

  it('records a FETCH provenance event with the file URI', async () => {
    const file = await sourceFile('a.txt', 'x');
    const run = await runner();
    await enqueueListed(run, 'a.txt');

    await run.run();

    const fetch = (await run.provenanceEvents()).find((e) => e.type === 'FETCH');
    expect(fetch?.transitUri).toBe(pathToFileURL(file).href);
  });

  it('streams a multi-megabyte file byte for byte', async () => {
    const content = randomBytes(8 * 1024 * 1024 + 123);
    await sourceFile('big.bin', content);
    const run = await runner();
    await enqueueListed(run, 'big.bin');

    await run.run();

    const [fetched] = await run.flowFiles('success');
    expect(fetched!.flowFile.size).toBe(content.length);
    expect(fetched!.content.equals(content)).toBe(true);
  });

  it('fetches the file named by File to Fetch', async () => {
    const file = await sourceFile('named.txt', 'by name');
    const run = await runner({ fileToFetch: '${target}' });
    await run.enqueue('', { target: file });

    await run.run();

    expect((await run.flowFiles('success')).map((f) => f.text)).toEqual(['by name']);
  });

  it('routes a missing file to not.found, penalized, with an error bulletin', async () => {
    const run = await runner();
    await enqueueListed(run, 'missing.txt');

    await run.run();

    const [notFound] = await run.flowFiles('not.found');
    expect(notFound!.flowFile.penalizedUntil).toBeGreaterThan(0);
    expect(await run.flowFiles('success')).toEqual([]);
    const [bulletin] = run.bulletins();
    expect(bulletin!.level).toBe('ERROR');
    expect(bulletin!.message).toContain(path.join(source, 'missing.txt'));
    expect(bulletin!.message).toContain('does not exist');
  });

  it('logs a missing file at the configured level', async () => {
    const run = await runner({ logLevelWhenFileNotFound: 'NONE' });
    await enqueueListed(run, 'missing.txt');

    await run.run();

    expect(await run.flowFiles('not.found')).toHaveLength(1);
    expect(run.bulletins()).toEqual([]);
  });

  it('routes an unreadable file to permission.denied (root reads it anyway)', async () => {
    const file = await sourceFile('secret.txt', 'classified');
    await chmod(file, 0o000);
    const run = await runner();
    await enqueueListed(run, 'secret.txt');

    await run.run();

    // Root bypasses permission bits, so there the file is simply fetched.
    if (isRoot) {
      expect((await run.flowFiles('success')).map((f) => f.text)).toEqual(['classified']);
      expect(await run.flowFiles('permission.denied')).toEqual([]);
    } else {
      expect(await run.flowFiles('permission.denied')).toHaveLength(1);
      expect(run.bulletins()[0]?.message).toContain('permission');
    }
  });

  it('routes a directory to failure', async () => {
    await mkdir(path.join(source, 'folder'));
    const run = await runner();
    await enqueueListed(run, 'folder');

    await run.run();

    expect(await run.flowFiles('failure')).toHaveLength(1);
  });

  it('deletes the file after the content is committed with Delete File', async () => {
    const file = await sourceFile('a.txt', 'delete me');
    const run = await runner({ completionStrategy: 'Delete File' });
    await enqueueListed(run, 'a.txt');

    await run.run();

    expect((await run.flowFiles('success')).map((f) => f.text)).toEqual(['delete me']);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it('moves the file into a created destination directory with Move File', async () => {
    await sourceFile('a.txt', 'move me');
    const destination = path.join(dir, 'done', 'today');
    const run = await runner({
      completionStrategy: 'Move File',
      moveDestinationDirectory: destination,
    });
    await enqueueListed(run, 'a.txt');

    await run.run();

    expect((await run.flowFiles('success')).map((f) => f.text)).toEqual(['move me']);
    expect(await readdir(source)).toEqual([]);
    expect(await readFile(path.join(destination, 'a.txt'), 'utf8')).toBe('move me');
  });

  describe('when the moved file exists in the destination', () => {
    let destination: string;

    beforeEach(async () => {
      destination = path.join(dir, 'done');
      await mkdir(destination);
      await writeFile(path.join(destination, 'a.txt'), 'already there');
      await sourceFile('a.txt', 'new');
    });

    async function fetchWith(conflict: string): Promise<TestRunner> {
      const run = await runner({
        completionStrategy: 'Move File',
        moveDestinationDirectory: destination,
        moveConflictStrategy: conflict,
      });
      await enqueueListed(run, 'a.txt');
      await run.run();
      return run;
    }

    it('keeps both and gives the new one a unique name with Rename', async () => {
      const run = await fetchWith('Rename');

      expect(await run.flowFiles('success')).toHaveLength(1);
      expect(await readdir(source)).toEqual([]);
      expect(await readFile(path.join(destination, 'a.txt'), 'utf8')).toBe('already there');
      const renamed = (await readdir(destination)).filter((n) => n !== 'a.txt');
      expect(renamed).toHaveLength(1);
      expect(renamed[0]).toMatch(/^a-[0-9a-f-]{36}\.txt$/);
      expect(await readFile(path.join(destination, renamed[0]!), 'utf8')).toBe('new');
    });

    it('overwrites it with Replace File', async () => {
      const run = await fetchWith('Replace File');

      expect(await run.flowFiles('success')).toHaveLength(1);
      expect(await readdir(destination)).toEqual(['a.txt']);
      expect(await readFile(path.join(destination, 'a.txt'), 'utf8')).toBe('new');
      expect(await readdir(source)).toEqual([]);
    });

    it('keeps it and deletes the fetched original with Keep Existing', async () => {
      const run = await fetchWith('Keep Existing');

      expect(await run.flowFiles('success')).toHaveLength(1);
      expect(await readFile(path.join(destination, 'a.txt'), 'utf8')).toBe('already there');
      expect(await readdir(source)).toEqual([]);
    });

    it('routes to failure before fetching and leaves the file with Fail', async () => {
      const run = await fetchWith('Fail');

      expect(await run.flowFiles('success')).toEqual([]);
      const [failed] = await run.flowFiles('failure');
      expect(failed!.content.length).toBe(0);
      expect(await readFile(path.join(source, 'a.txt'), 'utf8')).toBe('new');
      expect(run.bulletins()[0]?.message).toContain('already exists');
    });
  });

  it('requires a Move Destination Directory when the Completion Strategy is Move File', async () => {
    const run = await runner({ completionStrategy: 'Move File' });

    expect(run.validationErrors()).toEqual([
      "moveDestinationDirectory: 'Move Destination Directory' is required when 'Completion Strategy' is 'Move File'",
    ]);
  });

  it('fetches a batch of flowfiles in one run', async () => {
    const run = await runner();
    for (const name of ['1.txt', '2.txt', '3.txt']) {
      await sourceFile(name, name);
      await enqueueListed(run, name);
    }

    await run.run();

    expect((await run.flowFiles('success')).map((f) => f.text)).toEqual([
      '1.txt',
      '2.txt',
      '3.txt',
    ]);
    expect(run.inputQueueSize()).toBe(0);
  });
});
