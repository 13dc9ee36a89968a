import { defineProcessor, prop, TestRunner } from '@sluice/engine';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test/support/runners.js';
import {
  JsonTreeReader,
  MalformedRecordError,
  RecordReaderFactoryApi,
} from './json-tree-reader.js';

/** Writes each flowfile's records as one JSON array (bigints as text), or routes it to failure with the reason. */
const ListRecords = defineProcessor({
  type: 'ListRecords',
  description: 'Reads records with a record reader service, for testing it',
  tags: [],
  properties: {
    reader: prop.service({ name: 'Record Reader', required: true, api: RecordReaderFactoryApi }),
  },
  relationships: { success: 'Records listed', failure: 'Not readable' },
  async onTrigger(ctx, session) {
    const flowFile = session.get();
    if (!flowFile) return;
    const content = await session.readBuffer(flowFile);
    try {
      const reader = ctx
        .requiredProperty('reader')
        .createRecordReader(content, flowFile.attributes);
      const records = [...reader];
      const text = JSON.stringify(records, (_, v: unknown) =>
        typeof v === 'bigint' ? `${v}n` : v,
      );
      const written = await session.write(flowFile, text);
      session.transfer(
        session.putAttribute(written, 'record.count', String(reader.count)),
        'success',
      );
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      session.transfer(session.putAttribute(flowFile, 'error', error.message), 'failure');
    }
  },
});

const track = closedAfterEach();

async function run(...contents: string[]): Promise<TestRunner> {
  const runner = track(
    await TestRunner.create(ListRecords, {
      properties: { reader: 'json' },
      services: { json: { definition: JsonTreeReader } },
    }),
  );
  for (const content of contents) await runner.enqueue(content);
  await runner.run(contents.length);
  return runner;
}

describe('JsonTreeReader', () => {
  it('reads an array, a single object and one object per line as records', async () => {
    const runner = await run(
      '[{"id":1,"tags":["a"]},{"id":2,"nested":{"deep":{"x":true}}}]',
      '{"id":3}',
      '{"id":4}\n{"id":5}\n',
    );

    const out = await runner.flowFiles('success');
    expect(out.map((f) => JSON.parse(f.text))).toEqual([
      [
        { id: 1, tags: ['a'] },
        { id: 2, nested: { deep: { x: true } } },
      ],
      [{ id: 3 }],
      [{ id: 4 }, { id: 5 }],
    ]);
    expect(out.map((f) => f.attributes['record.count'])).toEqual(['2', '1', '2']);
  });

  it('keeps every digit of large integer ids', async () => {
    const runner = await run('{"tweet_id":1790000000000000123}');

    expect((await runner.flowFiles('success'))[0]?.text).toBe(
      '[{"tweet_id":"1790000000000000123n"}]',
    );
  });

  it('names the record and the line and column of malformed content', async () => {
    const runner = await run('{"id":1}\n{"id":2, "body":"line\nbreak"}\n');

    const [failed] = await runner.flowFiles('failure');
    expect(failed?.attributes['error']).toBe(
      'record 2 is not valid JSON: a raw control character (U+000A) inside a string; it must be escaped as \\n (at line 2, column 22)',
    );
  });
});
