import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestRunner } from '@sluice/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PutFile } from './put-file.js';

let dir: string;
const runners: TestRunner[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-put-file-'));
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
  await rm(dir, { recursive: true, force: true });
});

async function runner(properties: Record<string, string> = {}): Promise<TestRunner> {
  const created = await TestRunner.create(PutFile, {
    properties: { directory: dir, ...properties },
  });
  runners.push(created);
  return created;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('PutFile', () => {
  it('writes the content under the filename attribute and leaves no temporary file', async () => {
    const run = await runner();
    await run.enqueue('hello, disk', { filename: 'a.txt' });

    await run.run();

    expect(await run.flowFiles('success')).toHaveLength(1);
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('hello, disk');
    expect(await readdir(dir)).toEqual(['a.txt']);
  });

  it('records a SEND provenance event with the file URI', async () => {
    const run = await runner();
    await run.enqueue('x', { filename: 'a.txt' });

    await run.run();

    const send = (await run.provenanceEvents()).find((e) => e.type === 'SEND');
    expect(send?.transitUri).toBe(pathToFileURL(path.join(dir, 'a.txt')).href);
  });

  it('writes several flowfiles in one run', async () => {
    const run = await runner();
    for (const name of ['1.txt', '2.txt', '3.txt']) await run.enqueue(name, { filename: name });

    await run.run();

    expect(await run.flowFiles('success')).toHaveLength(3);
    expect((await readdir(dir)).sort()).toEqual(['1.txt', '2.txt', '3.txt']);
    expect(run.inputQueueSize()).toBe(0);
  });

  it('streams a 20 MB content to disk byte for byte', async () => {
    const content = randomBytes(20 * 1024 * 1024);
    const run = await runner();
    await run.enqueue(content, { filename: 'big.bin' });

    await run.run();

    expect(await run.flowFiles('success')).toHaveLength(1);
    const written = path.join(dir, 'big.bin');
    expect((await stat(written)).size).toBe(content.length);
    expect(await sha256(written)).toBe(createHash('sha256').update(content).digest('hex'));
  });

  describe('when the file already exists', () => {
    beforeEach(async () => {
      await writeFile(path.join(dir, 'a.txt'), 'old');
    });

    it('routes to failure, penalized, and keeps the old file with fail (the default)', async () => {
      const run = await runner();
      await run.enqueue('new', { filename: 'a.txt' });

      await run.run();

      const [failed] = await run.flowFiles('failure');
      expect(failed!.flowFile.penalizedUntil).toBeGreaterThan(0);
      expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('old');
      expect(run.bulletins()[0]?.message).toContain('already exists');
    });

    it('replaces the file with replace', async () => {
      const run = await runner({ conflictResolutionStrategy: 'replace' });
      await run.enqueue('new', { filename: 'a.txt' });

      await run.run();

      expect(await run.flowFiles('success')).toHaveLength(1);
      expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('new');
      expect(await readdir(dir)).toEqual(['a.txt']);
    });

    it('routes to success and keeps the old file with ignore', async () => {
      const run = await runner({ conflictResolutionStrategy: 'ignore' });
      await run.enqueue('new', { filename: 'a.txt' });

      await run.run();

      expect(await run.flowFiles('success')).toHaveLength(1);
      expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('old');
      expect((await run.provenanceEvents()).some((e) => e.type === 'SEND')).toBe(false);
    });
  });

  it('removes its temporary file and keeps what was there when the final rename fails', async () => {
    await mkdir(path.join(dir, 'a.txt'));
    await writeFile(path.join(dir, 'a.txt', 'inside'), 'kept');
    const run = await runner({ conflictResolutionStrategy: 'replace' });
    await run.enqueue('new', { filename: 'a.txt' });

    await run.run();

    expect(await run.flowFiles('failure')).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['a.txt']);
    expect(await readFile(path.join(dir, 'a.txt', 'inside'), 'utf8')).toBe('kept');
  });

  it('creates missing directories by default', async () => {
    const target = path.join(dir, 'x', 'y', 'z');
    const run = await runner({ directory: target });
    await run.enqueue('deep', { filename: 'a.txt' });

    await run.run();

    expect(await readFile(path.join(target, 'a.txt'), 'utf8')).toBe('deep');
  });

  it('routes to failure when the directory is missing and Create Missing Directories is false', async () => {
    const target = path.join(dir, 'missing');
    const run = await runner({ directory: target, createMissingDirectories: 'false' });
    await run.enqueue('x', { filename: 'a.txt' });

    await run.run();

    expect(await run.flowFiles('failure')).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
    expect(run.bulletins()[0]?.message).toContain('does not exist');
  });

  it('refuses a filename that would escape the directory', async () => {
    const inner = path.join(dir, 'inner');
    await mkdir(inner);
    const run = await runner({ directory: inner });
    await run.enqueue('escaped', { filename: '../escape.txt' });
    await run.enqueue('dots', { filename: '..' });

    await run.run();

    expect(await run.flowFiles('failure')).toHaveLength(2);
    expect(await readdir(dir)).toEqual(['inner']);
    expect(await readdir(inner)).toEqual([]);
    const escape = run.bulletins().find((b) => b.message.includes("'../escape.txt'"));
    expect(escape?.message).toContain('path separator');
  });

  it('evaluates the Directory against the flowfile, e.g. /out/${path}', async () => {
    const run = await runner({ directory: `${dir}/\${path}` });
    await run.enqueue('one', { filename: 'a.txt', path: '2024/01/' });
    await run.enqueue('two', { filename: 'b.txt', path: 'other/' });

    await run.run();

    expect(await readFile(path.join(dir, '2024', '01', 'a.txt'), 'utf8')).toBe('one');
    expect(await readFile(path.join(dir, 'other', 'b.txt'), 'utf8')).toBe('two');
  });

  it('routes to failure once the directory holds Maximum File Count files', async () => {
    await writeFile(path.join(dir, 'existing-1'), '');
    await writeFile(path.join(dir, 'existing-2'), '');
    const run = await runner({ maximumFileCount: '3' });
    await run.enqueue('x', { filename: 'a.txt' });
    await run.enqueue('y', { filename: 'b.txt' });

    await run.run();

    expect((await run.flowFiles('success')).map((f) => f.attributes['filename'])).toEqual([
      'a.txt',
    ]);
    expect((await run.flowFiles('failure')).map((f) => f.attributes['filename'])).toEqual([
      'b.txt',
    ]);
  });

  it('sets permissions and the last modified time from NiFi formats', async () => {
    const run = await runner({
      permissions: 'rw-r-----',
      lastModifiedTime: '${file.lastModifiedTime}',
    });
    await run.enqueue('x', {
      filename: 'a.txt',
      'file.lastModifiedTime': '2024-01-02T03:04:05+0100',
    });

    await run.run();

    const written = await stat(path.join(dir, 'a.txt'));
    expect(written.mtime.toISOString()).toBe('2024-01-02T02:04:05.000Z');
    if (process.platform !== 'win32') expect(written.mode & 0o777).toBe(0o640);
  });

  it('gives created directories search permission where the file mode grants read', async () => {
    const target = path.join(dir, 'made');
    const run = await runner({ directory: target, permissions: '0640' });
    await run.enqueue('x', { filename: 'a.txt' });

    await run.run();

    if (process.platform !== 'win32') {
      expect((await stat(target)).mode & 0o777).toBe(0o750);
      expect((await stat(path.join(target, 'a.txt'))).mode & 0o777).toBe(0o640);
    }
  });

  it('still writes the file, with a warning, when a permission expression gives a bad value', async () => {
    const run = await runner({ permissions: '${mode}' });
    await run.enqueue('x', { filename: 'a.txt', mode: 'not-a-mode' });

    await run.run();

    expect(await run.flowFiles('success')).toHaveLength(1);
    expect(run.bulletins().map((b) => b.level)).toEqual(['WARN']);
  });

  it('refuses literal permissions and times it cannot parse', async () => {
    const run = await runner({ permissions: 'rwxrwxrwz', lastModifiedTime: 'yesterday' });

    expect(run.validationErrors()).toEqual([
      "lastModifiedTime: 'Last Modified Time' must be in the format yyyy-MM-dd'T'HH:mm:ssZ",
      "permissions: 'Permissions' must be like rw-r--r-- or an octal number like 644",
    ]);
  });
});
