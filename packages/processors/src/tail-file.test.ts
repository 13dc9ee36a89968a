import {
  appendFile,
  copyFile,
  mkdtemp,
  rename,
  rm,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FlowEngine, ProcessorRegistry, TestRunner } from '@sluice/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedAfterEach } from '../test/support/runners.js';
import { TailFile } from './tail-file.js';

const track = closedAfterEach();
let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-tail-'));
  file = path.join(dir, 'movies.tsv');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tailer(properties: Record<string, string> = {}): Promise<TestRunner> {
  return track(
    await TestRunner.create(TailFile, {
      properties: { filesToTail: file, rollingFilenamePattern: 'movies.tsv.*', ...properties },
    }),
  );
}

/** Texts emitted so far, in order. */
async function emitted(runner: TestRunner): Promise<string[]> {
  return (await runner.flowFiles('success')).map((f) => f.text);
}

/** Runs once and returns only what that run emitted. */
async function runNew(runner: TestRunner): Promise<string[]> {
  const before = (await emitted(runner)).length;
  await runner.run();
  return (await emitted(runner)).slice(before);
}

/** Sets a file's modification time `seconds` from now, so rotation order does not hang on the clock's resolution. */
async function touch(target: string, seconds: number): Promise<void> {
  const time = new Date(Date.now() + seconds * 1000);
  await utimes(target, time, time);
}

describe('TailFile', () => {
  it('emits exactly the lines appended since the last run, one flowfile per run, with NiFi attributes', async () => {
    await writeFile(file, 'a\tA\nb\tB\n');
    const runner = await tailer();

    expect(await runNew(runner)).toEqual(['a\tA\nb\tB\n']);
    await appendFile(file, 'c\tC\n');
    await appendFile(file, 'd\tD\n');
    expect(await runNew(runner)).toEqual(['c\tC\nd\tD\n']);
    expect(await runNew(runner)).toEqual([]);
    await appendFile(file, 'e\tE\n');
    expect(await runNew(runner)).toEqual(['e\tE\n']);

    const [first, second] = await runner.flowFiles('success');
    expect(first!.attributes).toMatchObject({
      filename: 'movies.0-8.tsv',
      path: `${dir}${path.sep}`,
      'tailfile.original.path': file,
      'mime.type': 'text/plain',
    });
    expect(second!.attributes['filename']).toBe('movies.8-16.tsv');
    const receives = (await runner.provenanceEvents()).filter((e) => e.type === 'RECEIVE');
    expect(receives).toHaveLength(3);
    expect(receives[0]!.transitUri).toBe(pathToFileURL(file).href);
  });

  it('holds a partial last line back until its line ending arrives, also a \\r that may start \\r\\n', async () => {
    await writeFile(file, 'one\ntw');
    const runner = await tailer();

    expect(await runNew(runner)).toEqual(['one\n']);
    await appendFile(file, 'o\r');
    expect(await runNew(runner)).toEqual([]);
    await appendFile(file, '\nthree\rfour');
    expect(await runNew(runner)).toEqual(['two\r\nthree\r']);
    await appendFile(file, '\n');
    expect(await runNew(runner)).toEqual(['four\n']);
  });

  it('waits for a file that does not exist yet', async () => {
    const runner = await tailer();

    expect(await runNew(runner)).toEqual([]);
    await writeFile(file, 'first\n');
    expect(await runNew(runner)).toEqual(['first\n']);
  });

  it('reads the rest of a rolled-over file, written just before the rotation, then the new file', async () => {
    await writeFile(file, '1\n2\n');
    const runner = await tailer();
    expect(await runNew(runner)).toEqual(['1\n2\n']);

    // when lines (the last without an ending) go to the file, it is renamed and created again
    await appendFile(file, '3\n4');
    await rename(file, `${file}.1`);
    await writeFile(file, '5\n6');

    // then the old file's rest comes first, its last line included, then the new file's lines
    expect(await runNew(runner)).toEqual(['3\n4', '5\n']);
    const names = (await runner.flowFiles('success')).map((f) => f.attributes['filename']);
    expect(names).toEqual(['movies.0-4.tsv', 'movies.tsv.1', 'movies.0-2.tsv']);
    await appendFile(file, '\n');
    expect(await runNew(runner)).toEqual(['6\n']);
  });

  it("finds rolled files by NiFi's file-name notation, written $${filename}", async () => {
    await writeFile(file, '1\n');
    const runner = await tailer({ rollingFilenamePattern: '$${filename}.tsv.*' });
    expect(runner.validationErrors()).toEqual([]);
    expect(await runNew(runner)).toEqual(['1\n']);

    await appendFile(file, '2\n');
    await rename(file, `${file}.1`);
    await writeFile(file, '3\n');

    // Without the pattern matching movies.tsv.1, line 2 would be lost.
    expect(await runNew(runner)).toEqual(['2\n', '3\n']);
  });

  it('reads every file rolled over between two runs, in order, nothing twice', async () => {
    await writeFile(file, 'a\n');
    const runner = await tailer();
    expect(await runNew(runner)).toEqual(['a\n']);

    // when the file rolls over twice before the next run (movies.tsv.1 → .2, then movies.tsv → .1)
    await appendFile(file, 'b\n');
    await rename(file, `${file}.1`);
    await writeFile(file, 'c\n');
    await touch(file, 2);
    await rename(`${file}.1`, `${file}.2`);
    await rename(file, `${file}.1`);
    await writeFile(file, 'd\n');
    await touch(file, 3);

    expect(await runNew(runner)).toEqual(['b\n', 'c\n', 'd\n']);
    expect(await runNew(runner)).toEqual([]);
  });

  it('reads the rest of a copy when the file is copied and truncated (copytruncate)', async () => {
    await writeFile(file, '1\n2\n');
    const runner = await tailer();
    expect(await runNew(runner)).toEqual(['1\n2\n']);

    await appendFile(file, '3\n');
    await copyFile(file, `${file}.1`);
    await truncate(file, 0);
    await appendFile(file, '4\n');

    expect(await runNew(runner)).toEqual(['3\n', '4\n']);
  });

  it('warns that lines may be lost when a rolled-over file cannot be found, then tails the new file', async () => {
    await writeFile(file, 'old\n');
    const runner = await tailer({ rollingFilenamePattern: '' });
    expect(await runNew(runner)).toEqual(['old\n']);

    await rename(file, path.join(dir, 'archived'));
    await writeFile(file, 'new\n');

    expect(await runNew(runner)).toEqual(['new\n']);
    expect(
      runner
        .bulletins()
        .map((b) => b.message)
        .join(),
    ).toContain('Rolling Filename Pattern');
  });

  it('starts over when the file is truncated, shorter or longer than what was read', async () => {
    await writeFile(file, 'aaaa\nbbbb\n');
    const runner = await tailer();
    expect(await runNew(runner)).toEqual(['aaaa\nbbbb\n']);

    await truncate(file, 0);
    await appendFile(file, 'c\n');
    expect(await runNew(runner)).toEqual(['c\n']);

    // truncated and written past the position before the next run: the bytes read changed
    await writeFile(file, 'zzzzzzzzzzzzzzz\n');
    expect(await runNew(runner)).toEqual(['zzzzzzzzzzzzzzz\n']);
  });

  it('continues where it stopped after a restart, from the state committed with the flowfiles', async () => {
    await writeFile(file, 'a\nb\n');
    const runner = await tailer();
    await runner.run();
    expect(runner.state()).toMatchObject({ 'file.0.filename': file, 'file.0.position': '4' });
    await runner.engine.close();

    // when lines are appended while the engine is down, and it opens over the same repositories
    await appendFile(file, 'c\nd');
    const engine = await FlowEngine.open({
      dataDir: runner.dataDir,
      document: runner.engine.document,
      registry: new ProcessorRegistry([TailFile]),
      fsync: 'never',
      autoStart: false,
    });
    try {
      await engine.runOnce('under-test');

      // then it emitted only the new complete line, after the earlier flowfile
      const texts: string[] = [];
      for (const flowFile of engine.listQueue('success')) {
        const chunks: Buffer[] = [];
        for await (const chunk of engine.readContent(flowFile)) chunks.push(chunk);
        texts.push(Buffer.concat(chunks).toString());
      }
      expect(texts).toEqual(['a\nb\n', 'c\n']);
      expect(engine.state('under-test')?.['file.0.position']).toBe('6');
    } finally {
      await engine.close();
    }
  });

  it('starts at the end with Current Time, and with the rolled files first with Beginning of Time', async () => {
    await writeFile(`${file}.2`, 'oldest\n');
    await touch(`${file}.2`, -20);
    await writeFile(`${file}.1`, 'older\n');
    await touch(`${file}.1`, -10);
    await writeFile(file, 'current\n');

    const fromNow = await tailer({ initialStartPosition: 'Current Time' });
    const fromTime = await tailer({ initialStartPosition: 'Beginning of Time' });
    const fromFile = await tailer({ initialStartPosition: 'Beginning of File' });

    expect(await runNew(fromNow)).toEqual([]);
    expect(await runNew(fromTime)).toEqual(['oldest\n', 'older\n', 'current\n']);
    expect(await runNew(fromFile)).toEqual(['current\n']);
    await appendFile(file, 'next\n');
    expect(await runNew(fromNow)).toEqual(['next\n']);
  });

  it('streams a large append into one flowfile of complete lines', async () => {
    const line = `${'x'.repeat(99)}\n`;
    await writeFile(file, line.repeat(30_000) + 'partial');
    const runner = await tailer();

    await runner.run();

    const [big] = await runner.flowFiles('success');
    expect(big!.content.length).toBe(3_000_000);
    expect(big!.text.endsWith(line)).toBe(true);
    expect(runner.state()?.['file.0.position']).toBe('3000000');
  });
});
