import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlowEngine, ProcessorRegistry, TestRunner, type OutputFlowFile } from '@sluice/engine';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../test/support/runners.js';
import { MERGE_CONTENT_FAILURE_ATTRIBUTE, MergeContent } from './merge-content.js';
import { SplitText } from './split-text.js';

const track = closedAfterEach();

async function merger(properties: Record<string, string>): Promise<TestRunner> {
  return track(await TestRunner.create(MergeContent, { properties }));
}

async function enqueueAll(
  runner: TestRunner,
  items: readonly [content: string, attributes?: Record<string, string>][],
): Promise<void> {
  for (const [content, attributes] of items) await runner.enqueue(content, attributes ?? {});
}

const texts = (flowFiles: readonly OutputFlowFile[]) => flowFiles.map((f) => f.text);

/** Polls until `condition` holds (the processor runs on its own schedule meanwhile). */
async function eventually(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the processor on its schedule until `condition` holds, then stops it. */
async function runUntil(runner: TestRunner, condition: () => Promise<boolean>): Promise<void> {
  expect(await runner.engine.start('under-test')).toEqual({ ok: true });
  try {
    await eventually('the processor has done its work', condition);
  } finally {
    await runner.engine.stop('under-test');
  }
}

/** Fragments of one split, as SplitText writes their attributes. */
function fragment(id: string, index: number, count: number | undefined): Record<string, string> {
  return {
    'fragment.identifier': id,
    'fragment.index': String(index),
    ...(count === undefined ? {} : { 'fragment.count': String(count) }),
    'segment.original.filename': `${id}.txt`,
  };
}

describe('MergeContent — Bin-Packing Algorithm', () => {
  it('merges a bin when it reaches Maximum Number of Entries, the originals pointing to it', async () => {
    const runner = await merger({ maximumNumberOfEntries: '3', minimumNumberOfEntries: '3' });
    await enqueueAll(runner, [['a'], ['b'], ['c'], ['d']]);

    await runner.run();

    const [merged, ...others] = await runner.flowFiles('merged');
    expect(others).toEqual([]);
    expect(merged!.text).toBe('abc');
    expect(merged!.attributes['merge.count']).toBe('3');
    expect(merged!.attributes['merge.reason']).toBe('MAX_ENTRIES_THRESHOLD_REACHED');
    expect(Number(merged!.attributes['merge.bin.age'])).toBeGreaterThanOrEqual(0);
    expect(merged!.attributes['mime.type']).toBe('application/octet-stream');
    const originals = await runner.flowFiles('original');
    expect(texts(originals)).toEqual(['a', 'b', 'c']);
    expect(originals.every((o) => o.attributes['merge.uuid'] === merged!.flowFile.id)).toBe(true);
    // the fourth waits in the input queue, not taken by anyone
    expect(runner.inputQueueSize()).toBe(1);
    const join = (await runner.provenanceEvents()).find((e) => e.type === 'JOIN');
    expect(join?.parentIds).toEqual(originals.map((o) => o.flowFile.id));
  });

  it('keeps binned flowfiles in the input queue and merges what meets the minimums once nothing new comes', async () => {
    const runner = await merger({});
    await enqueueAll(runner, [['x'], ['y']]);

    // when a trigger bins them: not full, and new flowfiles came, so they wait where they are
    await runner.run();
    expect(await runner.flowFiles('merged')).toEqual([]);
    expect(runner.inputQueueSize()).toBe(2);

    // when the processor runs and its next trigger finds nothing new
    await runUntil(runner, async () => (await runner.flowFiles('merged')).length === 1);

    const [merged] = await runner.flowFiles('merged');
    expect(merged!.text).toBe('xy');
    expect(merged!.attributes['merge.reason']).toBe('MIN_THRESHOLDS_REACHED');
    expect(runner.inputQueueSize()).toBe(0);
  });

  it('merges by size: Maximum Group Size fills a bin, Minimum Group Size holds a smaller one back', async () => {
    const runner = await merger({ minimumGroupSize: '8 B', maximumGroupSize: '10 B' });
    await enqueueAll(runner, [['aaaaa'], ['bbbbb'], ['cccccc'], ['ddd'], ['eeeeee']]);

    await runUntil(runner, async () => (await runner.flowFiles('merged')).length === 2);

    // aaaaa+bbbbb reach 10 B; cccccc+ddd (9 B) meet the minimum; eeeeee (6 B) waits
    const merged = await runner.flowFiles('merged');
    expect(texts(merged)).toEqual(['aaaaabbbbb', 'ccccccddd']);
    expect(merged.map((m) => m.attributes['merge.reason'])).toEqual([
      'MAX_BYTES_THRESHOLD_REACHED',
      'MIN_THRESHOLDS_REACHED',
    ]);
    expect(runner.inputQueueSize()).toBe(1);
  });

  it('merges a flowfile larger than Maximum Group Size alone, as NiFi does', async () => {
    const runner = await merger({ maximumGroupSize: '4 B' });
    await enqueueAll(runner, [['far too large']]);

    await runner.run();

    const [merged] = await runner.flowFiles('merged');
    expect(merged!.text).toBe('far too large');
    expect(merged!.attributes['merge.reason']).toBe('UNSET');
  });

  it('flushes an incomplete bin after Max Bin Age while the processor runs', async () => {
    // given a bin that needs 10 entries and gets 2
    const runner = await merger({ minimumNumberOfEntries: '10', maxBinAge: '300 ms' });
    await enqueueAll(runner, [['a'], ['b']]);

    // when the processor runs on its schedule
    expect(await runner.engine.start('under-test')).toEqual({ ok: true });
    await eventually(
      'the bin is merged',
      async () => (await runner.flowFiles('merged')).length > 0,
    );
    await runner.engine.stop('under-test');

    const [merged] = await runner.flowFiles('merged');
    expect(merged!.text).toBe('ab');
    expect(merged!.attributes['merge.reason']).toBe('TIMEOUT');
    expect(Number(merged!.attributes['merge.bin.age'])).toBeGreaterThanOrEqual(300);
  });

  it('bins flowfiles with the same Correlation Attribute Name value together', async () => {
    const runner = await merger({
      correlationAttributeName: 'group',
      minimumNumberOfEntries: '2',
      maximumNumberOfEntries: '2',
    });
    await enqueueAll(runner, [
      ['a1', { group: 'a' }],
      ['b1', { group: 'b' }],
      ['a2', { group: 'a' }],
      ['n1'],
      ['b2', { group: 'b' }],
    ]);

    await runner.run();

    const merged = await runner.flowFiles('merged');
    expect(texts(merged).sort()).toEqual(['a1a2', 'b1b2']);
    expect(merged.map((m) => m.attributes['group']).sort()).toEqual(['a', 'b']);
    expect(runner.inputQueueSize()).toBe(1);
  });

  it('merges the oldest bin when a flowfile needs a bin while Maximum number of Bins exist', async () => {
    const runner = await merger({
      correlationAttributeName: 'group',
      minimumNumberOfEntries: '2',
      maximumNumberOfBins: '2',
    });
    await enqueueAll(runner, [
      ['a', { group: 'a' }],
      ['b', { group: 'b' }],
      ['c', { group: 'c' }],
    ]);

    await runner.run();

    const [merged, ...rest] = await runner.flowFiles('merged');
    expect(rest).toEqual([]);
    expect(merged!.text).toBe('a');
    expect(merged!.attributes['merge.reason']).toBe('BIN_MANAGER_FULL');
  });

  it('writes the Header, Demarcator and Footer of the Text strategy, evaluated against the first flowfile', async () => {
    const runner = await merger({
      delimiterStrategy: 'Text',
      header: '${kind}:[',
      demarcator: ',\n',
      footer: ']',
      maximumNumberOfEntries: '3',
    });
    await enqueueAll(runner, [
      ['1', { kind: 'numbers' }],
      ['2', { kind: 'other' }],
      ['3', { kind: 'other' }],
    ]);

    await runner.run();

    expect(texts(await runner.flowFiles('merged'))).toEqual(['numbers:[1,\n2,\n3]']);
  });

  it('sends a bin to failure when its Header cannot be evaluated, naming the property', async () => {
    const runner = await merger({
      delimiterStrategy: 'Text',
      header: "${day:toDate('yyyy-MM-dd')}",
      maximumNumberOfEntries: '2',
    });
    await enqueueAll(runner, [
      ['1', { day: 'not a date' }],
      ['2', { day: 'not a date' }],
    ]);

    await runner.run();

    const failed = await runner.flowFiles('failure');
    expect(texts(failed)).toEqual(['1', '2']);
    expect(failed[0]!.attributes[MERGE_CONTENT_FAILURE_ATTRIBUTE]).toContain(
      'Cannot evaluate the header',
    );
    expect(await runner.flowFiles('merged')).toEqual([]);
  });

  it('reads the Header, Demarcator and Footer from files with the Filename strategy', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sluice-merge-'));
    try {
      await writeFile(path.join(dir, 'header'), '<h>');
      await writeFile(path.join(dir, 'between'), '|');
      const runner = await merger({
        delimiterStrategy: 'Filename',
        header: path.join(dir, 'header'),
        demarcator: path.join(dir, 'between'),
        maximumNumberOfEntries: '2',
      });
      await enqueueAll(runner, [['x'], ['y']]);

      await runner.run();

      expect(texts(await runner.flowFiles('merged'))).toEqual(['<h>x|y']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps only common attributes, or all unique ones, and the shared mime.type', async () => {
    const attributes: Record<string, string>[] = [
      { shared: 'x', onlyA: '1', clash: 'a', 'mime.type': 'text/plain' },
      { shared: 'x', onlyB: '2', clash: 'b', 'mime.type': 'text/plain' },
    ];
    const common = await merger({ maximumNumberOfEntries: '2' });
    const unique = await merger({
      maximumNumberOfEntries: '2',
      attributeStrategy: 'Keep All Unique Attributes',
    });
    for (const runner of [common, unique]) {
      await enqueueAll(runner, [
        ['1', attributes[0]],
        ['2', attributes[1]],
      ]);
      await runner.run();
    }

    const [fromCommon] = await common.flowFiles('merged');
    const [fromUnique] = await unique.flowFiles('merged');
    expect(fromCommon!.attributes).toMatchObject({ shared: 'x', 'mime.type': 'text/plain' });
    expect(fromCommon!.attributes).not.toHaveProperty('onlyA');
    expect(fromCommon!.attributes).not.toHaveProperty('clash');
    expect(fromUnique!.attributes).toMatchObject({ shared: 'x', onlyA: '1', onlyB: '2' });
    expect(fromUnique!.attributes).not.toHaveProperty('clash');
    expect(fromUnique!.attributes['uuid']).toBe(fromUnique!.flowFile.id);
  });

  it('rebuilds its bins from the input queue after a restart: nothing lost, nothing merged twice', async () => {
    // given two flowfiles binned (a bin of 3 wanted) and a third queued, then the engine stops
    const runner = await merger({ minimumNumberOfEntries: '3', maximumNumberOfEntries: '3' });
    await enqueueAll(runner, [['1'], ['2']]);
    await runner.run();
    await enqueueAll(runner, [['3']]);
    await runner.engine.close();

    // when the engine opens again over the same repositories and MergeContent runs
    const engine = await FlowEngine.open({
      dataDir: runner.dataDir,
      document: runner.engine.document,
      registry: new ProcessorRegistry([MergeContent]),
      fsync: 'never',
      autoStart: false,
    });
    try {
      expect(engine.listQueue('input')).toHaveLength(3);
      await engine.runOnce('under-test');

      // then the three are merged once, and the input queue is empty
      const merged = engine.listQueue('merged');
      expect(merged).toHaveLength(1);
      expect(merged[0]!.attributes['merge.count']).toBe('3');
      expect(engine.listQueue('original')).toHaveLength(3);
      expect(engine.listQueue('input')).toHaveLength(0);
    } finally {
      await engine.close();
    }
  });
});

describe('MergeContent — Defragment', () => {
  it('reassembles fragments that arrive out of order, named after segment.original.filename', async () => {
    const runner = await merger({ mergeStrategy: 'Defragment' });
    await enqueueAll(runner, [
      ['three', fragment('doc', 3, 3)],
      ['one ', fragment('doc', 1, 3)],
      ['two ', fragment('doc', 2, 3)],
    ]);

    await runner.run();

    const [merged] = await runner.flowFiles('merged');
    expect(merged!.text).toBe('one two three');
    expect(merged!.attributes['filename']).toBe('doc.txt');
    expect(merged!.attributes['fragment.identifier']).toBe('doc');
    expect(merged!.attributes['fragment.count']).toBe('3');
    expect(merged!.attributes['merge.count']).toBe('3');
    expect(await runner.flowFiles('original')).toHaveLength(3);
  });

  it('restores what SplitText split, demarcated by nothing', async () => {
    // given a text split into single lines that keep their newlines
    const splitter = track(
      await TestRunner.create(SplitText, {
        properties: { lineSplitCount: '1', removeTrailingNewlines: 'false' },
      }),
    );
    await splitter.enqueue('first\nsecond\nthird\n', { filename: 'lines.txt' });
    await splitter.run();
    const splits = await splitter.flowFiles('splits');

    // when the splits reach MergeContent in reverse order
    const runner = await merger({ mergeStrategy: 'Defragment' });
    for (const split of [...splits].reverse())
      await runner.enqueue(split.content, split.attributes);
    await runner.run();

    const [merged] = await runner.flowFiles('merged');
    expect(merged!.text).toBe('first\nsecond\nthird\n');
    expect(merged!.attributes['filename']).toBe('lines.txt');
  });

  it('waits for a missing fragment, then sends the incomplete bin to failure after Max Bin Age', async () => {
    const runner = await merger({ mergeStrategy: 'Defragment', maxBinAge: '300 ms' });
    await enqueueAll(runner, [
      ['one', fragment('doc', 1, 3)],
      ['two', fragment('doc', 2, 3)],
    ]);
    await runner.run();
    expect(runner.inputQueueSize()).toBe(2);

    expect(await runner.engine.start('under-test')).toEqual({ ok: true });
    await eventually(
      'the fragments fail',
      async () => (await runner.flowFiles('failure')).length === 2,
    );
    await runner.engine.stop('under-test');

    const failed = await runner.flowFiles('failure');
    expect(failed[0]!.attributes[MERGE_CONTENT_FAILURE_ATTRIBUTE]).toContain(
      'expects 3 fragments but only 2 arrived',
    );
    expect(await runner.flowFiles('merged')).toEqual([]);
    expect(runner.bulletins().some((b) => b.message.includes('Max Bin Age'))).toBe(true);
  });

  it('sends a duplicate fragment.index and a fragment without fragment attributes to failure at once', async () => {
    const runner = await merger({ mergeStrategy: 'Defragment' });
    await enqueueAll(runner, [
      ['a', fragment('doc', 1, 2)],
      ['again', fragment('doc', 1, 2)],
      ['no fragment'],
      ['bad', { 'fragment.identifier': 'x', 'fragment.index': 'one' }],
      ['b', fragment('doc', 2, 2)],
    ]);

    await runner.run();

    expect(texts(await runner.flowFiles('merged'))).toEqual(['ab']);
    const failed = await runner.flowFiles('failure');
    expect(texts(failed)).toEqual(['again', 'no fragment', 'bad']);
    expect(failed.map((f) => f.attributes[MERGE_CONTENT_FAILURE_ATTRIBUTE])).toEqual([
      expect.stringContaining('has fragment.index 1'),
      expect.stringContaining('no fragment.identifier'),
      expect.stringContaining('fragment.index "one" is not an integer'),
    ]);
  });

  it('sends all fragments to failure when they disagree on fragment.count', async () => {
    const runner = await merger({ mergeStrategy: 'Defragment' });
    await enqueueAll(runner, [
      ['a', fragment('doc', 1, 2)],
      ['b', fragment('doc', 2, 3)],
    ]);

    await runner.run();

    const failed = await runner.flowFiles('failure');
    expect(texts(failed)).toEqual(['a', 'b']);
    expect(failed[0]!.attributes[MERGE_CONTENT_FAILURE_ATTRIBUTE]).toContain(
      'disagree on fragment.count',
    );
  });

  it('merges fragments when only one of them carries fragment.count', async () => {
    const runner = await merger({ mergeStrategy: 'Defragment' });
    await enqueueAll(runner, [
      ['1', fragment('doc', 1, undefined)],
      ['2', fragment('doc', 2, 2)],
    ]);

    await runner.run();

    expect(texts(await runner.flowFiles('merged'))).toEqual(['12']);
  });
});
