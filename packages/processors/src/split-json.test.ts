import { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { SPLIT_JSON_FAILURE_ATTRIBUTE, SplitJson } from './split-json.js';

const runners: TestRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

async function split(
  properties: Record<string, string>,
  content: string | Uint8Array,
  attributes: Record<string, string> = { filename: 'orders.json' },
): Promise<TestRunner> {
  const run = await TestRunner.create(SplitJson, { properties });
  runners.push(run);
  await run.enqueue(content, attributes);
  await run.run();
  return run;
}

const ORDERS = JSON.stringify({
  shop: '한빛',
  orders: [
    { id: 1, item: 'pen', tags: ['a', 'b'] },
    { id: 2, item: 'ink "black"', tags: [] },
    { id: 3, item: '종이', tags: ['c'] },
  ],
});

describe('SplitJson', () => {
  it('writes each element of the selected array to its own flowfile, with the fragment attributes', async () => {
    const run = await split({ jsonPathExpression: '$.orders' }, ORDERS, {
      filename: 'orders.json',
      source: 'web',
    });

    const splits = await run.flowFiles('split');
    expect(splits.map((s) => JSON.parse(s.text) as unknown)).toEqual(
      (JSON.parse(ORDERS) as { orders: unknown[] }).orders,
    );
    const [original] = await run.flowFiles('original');
    const fragmentId = original?.attributes['fragment.identifier'];
    expect(fragmentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(original?.attributes['fragment.count']).toBe('3');
    expect(original?.text).toBe(ORDERS);
    splits.forEach((s, i) => {
      expect(s.attributes).toMatchObject({
        'fragment.identifier': fragmentId,
        'fragment.index': String(i),
        'fragment.count': '3',
        'segment.original.filename': 'orders.json',
        // Inherited from the parent, as NiFi's session.create(parent) does.
        source: 'web',
      });
    });
    expect(new Set(splits.map((s) => s.attributes['uuid'])).size).toBe(3);
  });

  it('cuts each element from the input text: big numbers, decimals and escapes unchanged, compact', async () => {
    const content =
      '{"rows": [\n  {"id": 9007199254740993, "price": 2.50, "note": "a\\u00e9\\n"},\n  {"id": 1e2}\n]}';
    const run = await split({ jsonPathExpression: '$.rows' }, content);
    expect((await run.flowFiles('split')).map((s) => s.text)).toEqual([
      '{"id":9007199254740993,"price":2.50,"note":"a\\u00e9\\n"}',
      '{"id":1e2}',
    ]);
  });

  it('writes scalars as their text, null as the Null Value Representation, and an array of one as its element', async () => {
    const content = '{"values": ["plain", "with \\"quotes\\"", 42, 1.50, true, null, [7], [1, 2]]}';
    const empty = await split({ jsonPathExpression: '$.values' }, content);
    expect((await empty.flowFiles('split')).map((s) => s.text)).toEqual([
      'plain',
      'with "quotes"',
      '42',
      '1.50',
      'true',
      '',
      '7',
      '[1,2]',
    ]);
    const nullString = await split(
      { jsonPathExpression: '$.values', nullValueRepresentation: "the string 'null'" },
      content,
    );
    expect((await nullString.flowFiles('split'))[5]?.text).toBe('null');
  });

  it('splits a top-level array with $', async () => {
    const run = await split({ jsonPathExpression: '$' }, '[{"a":1},{"a":2}]');
    expect((await run.flowFiles('split')).map((s) => s.text)).toEqual(['{"a":1}', '{"a":2}']);
  });

  it('splits the matches of a wildcard or filter path, as NiFi does with a non-definite path', async () => {
    const wildcard = await split({ jsonPathExpression: '$.orders[*].item' }, ORDERS);
    expect((await wildcard.flowFiles('split')).map((s) => s.text)).toEqual([
      'pen',
      'ink "black"',
      '종이',
    ]);
    const filter = await split({ jsonPathExpression: '$.orders[?@.id > 1]' }, ORDERS);
    expect((await filter.flowFiles('split')).map((s) => s.attributes['fragment.index'])).toEqual([
      '0',
      '1',
    ]);
  });

  it('sends an empty array to original with fragment.count 0 and no splits', async () => {
    const run = await split({ jsonPathExpression: '$.orders' }, '{"orders": []}');
    expect(await run.flowFiles('split')).toEqual([]);
    expect((await run.flowFiles('original'))[0]?.attributes['fragment.count']).toBe('0');
  });

  it('sends content whose path points at an object to failure, saying why, with no splits', async () => {
    const run = await split({ jsonPathExpression: '$.shop' }, ORDERS);
    const [failed] = await run.flowFiles('failure');
    expect(failed?.attributes[SPLIT_JSON_FAILURE_ATTRIBUTE]).toBe(
      'JsonPath $.shop selected a string ("한빛"), not an array, so it cannot be split',
    );
    expect(failed?.text).toBe(ORDERS);
    expect(await run.flowFiles('split')).toEqual([]);
    expect(await run.flowFiles('original')).toEqual([]);
    expect(run.bulletins()[0]?.message).toContain('not an array');
  });

  it('sends content without the path to failure', async () => {
    const run = await split({ jsonPathExpression: '$.missing.items' }, ORDERS);
    expect((await run.flowFiles('failure'))[0]?.attributes[SPLIT_JSON_FAILURE_ATTRIBUTE]).toBe(
      'JsonPath $.missing.items could not be found in the content',
    );
  });

  it('sends content that is not JSON to failure, saying what is wrong and where', async () => {
    const run = await split({ jsonPathExpression: '$.orders' }, '{"orders": [1, 2,]}');
    expect((await run.flowFiles('failure'))[0]?.attributes[SPLIT_JSON_FAILURE_ATTRIBUTE]).toBe(
      "the content is not valid JSON: a ',' is followed by ']' (at column 18)",
    );
  });

  it('refuses a JsonPath that does not parse', async () => {
    const run = await TestRunner.create(SplitJson, {
      properties: { jsonPathExpression: '$.orders[' },
    });
    runners.push(run);
    expect(run.validationErrors()).toEqual([
      "jsonPathExpression: 'JsonPath Expression' is not a valid JsonPath: unclosed bracketed selection (at character 10)",
    ]);
  });

  it('splits each flowfile of a batch on its own, failures apart', async () => {
    const run = await TestRunner.create(SplitJson, { properties: { jsonPathExpression: '$.a' } });
    runners.push(run);
    await run.enqueue('{"a": [1, 2]}', { filename: 'first' });
    await run.enqueue('{"a": 5}', { filename: 'second' });
    await run.enqueue('{"a": ["x"]}', { filename: 'third' });
    await run.run();
    const splits = await run.flowFiles('split');
    expect(splits.map((s) => [s.attributes['segment.original.filename'], s.text])).toEqual([
      ['first', '1'],
      ['first', '2'],
      ['third', 'x'],
    ]);
    expect((await run.flowFiles('failure')).map((f) => f.attributes['filename'])).toEqual([
      'second',
    ]);
  });
});
