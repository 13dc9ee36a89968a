import { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { GenerateFlowFile } from './generate-flow-file.js';

const runners: TestRunner[] = [];

async function runner(properties: Record<string, string>): Promise<TestRunner> {
  const created = await TestRunner.create(GenerateFlowFile, { properties });
  runners.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

describe('GenerateFlowFile', () => {
  it('creates Batch Size flowfiles per run', async () => {
    const run = await runner({ batchSize: '5' });

    await run.run(2);

    expect(await run.flowFiles('success')).toHaveLength(10);
  });

  it('gives every flowfile File Size bytes of printable text by default', async () => {
    const run = await runner({ fileSize: '100 B', batchSize: '3' });

    await run.run();

    const out = await run.flowFiles('success');
    expect(out).toHaveLength(3);
    for (const f of out) {
      expect(f.content.length).toBe(100);
      expect(f.flowFile.size).toBe(100);
      expect(f.text).toMatch(/^[\x20-\x7e\n\t]{100}$/);
    }
  });

  it('creates empty flowfiles when File Size is 0 B', async () => {
    const run = await runner({});

    await run.run();

    const [only] = await run.flowFiles('success');
    expect(only!.content.length).toBe(0);
    expect(only!.flowFile.claim).toBeNull();
  });

  it('gives every flowfile a unique filename, its uuid', async () => {
    const run = await runner({ batchSize: '4' });

    await run.run();

    const out = await run.flowFiles('success');
    const names = out.map((f) => f.attributes['filename']);
    expect(new Set(names).size).toBe(4);
    for (const f of out) expect(f.attributes['filename']).toBe(f.attributes['uuid']);
  });

  it('shares one content claim across a batch when Unique FlowFiles is false', async () => {
    const run = await runner({ fileSize: '1 KB', batchSize: '5', dataFormat: 'Binary' });

    await run.run();

    const out = await run.flowFiles('success');
    expect(new Set(out.map((f) => f.content.toString('hex'))).size).toBe(1);
    const claims = out.map((f) => f.flowFile.claim);
    for (const claim of claims) expect(claim).toEqual(claims[0]);
  });

  it('gives each flowfile different content when Unique FlowFiles is true', async () => {
    const run = await runner({
      fileSize: '1 KB',
      batchSize: '5',
      dataFormat: 'Binary',
      uniqueFlowFiles: 'true',
    });

    await run.run();

    const out = await run.flowFiles('success');
    expect(out.every((f) => f.content.length === 1024)).toBe(true);
    expect(new Set(out.map((f) => f.content.toString('hex'))).size).toBe(5);
  });

  it('streams large shared content and clones it across the batch', async () => {
    const run = await runner({ fileSize: '3 MB', batchSize: '3' });

    await run.run();

    const out = await run.flowFiles('success');
    expect(out.map((f) => f.content.length)).toEqual([
      3 * 1024 * 1024,
      3 * 1024 * 1024,
      3 * 1024 * 1024,
    ]);
    expect(new Set(out.map((f) => f.content.toString('latin1'))).size).toBe(1);
    expect(new Set(out.map((f) => f.attributes['filename'])).size).toBe(3);
  });

  it('streams large unique content', async () => {
    const run = await runner({ fileSize: '2 MB', batchSize: '2', uniqueFlowFiles: 'true' });

    await run.run();

    const out = await run.flowFiles('success');
    expect(out.map((f) => f.content.length)).toEqual([2 * 1024 * 1024, 2 * 1024 * 1024]);
    expect(out[0]!.content.equals(out[1]!.content)).toBe(false);
  });

  it('uses Custom Text as the content, ignoring File Size', async () => {
    const run = await runner({ customText: 'hello, sluice', fileSize: '1 KB', batchSize: '2' });

    await run.run();

    const out = await run.flowFiles('success');
    expect(out.map((f) => f.text)).toEqual(['hello, sluice', 'hello, sluice']);
  });

  it('evaluates an expression in Custom Text for each flowfile', async () => {
    const run = await runner({ customText: 'at ${now():toNumber()} id ${UUID()}', batchSize: '3' });
    const before = Date.now();

    await run.run();

    const after = Date.now();
    const out = await run.flowFiles('success');
    expect(new Set(out.map((f) => f.text)).size).toBe(3);
    for (const f of out) {
      const match = /^at (\d+) id [0-9a-f-]{36}$/.exec(f.text);
      expect(match).not.toBeNull();
      const millis = Number(match![1]);
      expect(millis).toBeGreaterThanOrEqual(before);
      expect(millis).toBeLessThanOrEqual(after);
    }
  });

  it('refuses Custom Text with Unique FlowFiles or Binary data, as NiFi does', async () => {
    const unique = await runner({ customText: 'x', uniqueFlowFiles: 'true' });
    const binary = await runner({ customText: 'x', dataFormat: 'Binary' });

    expect(unique.validationErrors().join('\n')).toMatch(/Custom Text/);
    expect(binary.validationErrors().join('\n')).toMatch(/Custom Text/);
  });

  it('turns dynamic properties into attributes, evaluated per flowfile', async () => {
    const run = await runner({
      batchSize: '3',
      greeting: 'hello',
      id: '${UUID()}',
      mimeType: 'text/plain',
    });

    await run.run();

    const out = await run.flowFiles('success');
    expect(out.map((f) => f.attributes['greeting'])).toEqual(['hello', 'hello', 'hello']);
    expect(new Set(out.map((f) => f.attributes['id'])).size).toBe(3);
    for (const f of out) expect(f.attributes['mime.type']).toBe('text/plain');
  });

  it('records a CREATE provenance event per flowfile', async () => {
    const run = await runner({ batchSize: '2', customText: 'x' });

    await run.run();

    const events = await run.provenanceEvents();
    expect(events.filter((e) => e.type === 'CREATE')).toHaveLength(2);
  });

  it('is valid with its defaults', async () => {
    const run = await runner({});

    expect(run.validationErrors()).toEqual([]);
  });
});
