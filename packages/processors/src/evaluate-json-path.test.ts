import { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { EVALUATE_JSON_PATH_FAILURE_ATTRIBUTE, EvaluateJsonPath } from './evaluate-json-path.js';

const runners: TestRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

const STORE = JSON.stringify({
  store: {
    name: '한빛 books',
    open: true,
    manager: null,
    book: [
      { title: 'Sayings', price: 8.95, tags: ['classic'] },
      { title: 'Sword', price: 12.99, tags: ['fiction', 'epic'] },
    ],
  },
});

async function runner(properties: Record<string, string>): Promise<TestRunner> {
  const created = await TestRunner.create(EvaluateJsonPath, { properties });
  runners.push(created);
  return created;
}

async function evaluate(
  properties: Record<string, string>,
  content: string = STORE,
  attributes: Record<string, string> = { filename: 'store.json' },
): Promise<TestRunner> {
  const run = await runner(properties);
  await run.enqueue(content, attributes);
  await run.run();
  return run;
}

const toAttributes = { destination: 'flowfile-attribute' };

describe('EvaluateJsonPath — flowfile-attribute', () => {
  it('keeps every digit of an integer beyond 2^53, as NiFi keeps a long (a tweet id)', async () => {
    const run = await evaluate(
      { ...toAttributes, returnType: 'json', id: '$.id', user: '$.user', count: '$.count' },
      '{"id":1460323737035677698,"user":{"id":9007199254740993,"name":"트윗"},"count":3}',
    );
    const [matched] = await run.flowFiles('matched');
    expect(matched?.attributes['id']).toBe('1460323737035677698');
    expect(matched?.attributes['user']).toBe('{"id":9007199254740993,"name":"트윗"}');
    expect(matched?.attributes['count']).toBe('3');
  });

  it('writes each scalar result to the attribute named by its property', async () => {
    const run = await evaluate({
      ...toAttributes,
      name: '$.store.name',
      open: '$.store.open',
      price: '$.store.book[1].price',
    });
    const [matched] = await run.flowFiles('matched');
    expect(matched?.attributes).toMatchObject({ name: '한빛 books', open: 'true', price: '12.99' });
    expect(matched?.text).toBe(STORE);
  });

  it('sends an object or list to failure when the return type is scalar (auto-detect), naming the property', async () => {
    const run = await evaluate({ ...toAttributes, book: '$.store.book[0]' });
    expect(await run.flowFiles('matched')).toEqual([]);
    const [failed] = await run.flowFiles('failure');
    expect(failed?.attributes[EVALUATE_JSON_PATH_FAILURE_ATTRIBUTE]).toBe(
      "'book' ($.store.book[0]) selected an object, not a scalar; set Return Type to json to keep it as JSON",
    );
    expect(failed?.attributes['book']).toBeUndefined();
    expect(run.bulletins().map((b) => b.message)).toEqual([
      expect.stringContaining('Routed store.json (') as unknown,
    ]);
  });

  it('writes objects and lists as compact JSON with Return Type json, and a list of one as its element', async () => {
    const run = await evaluate({
      ...toAttributes,
      returnType: 'json',
      first: '$.store.book[0]',
      titles: '$.store.book[*].title',
      cheap: '$.store.book[?@.price < 10].title',
      tags: '$.store.book[0].tags',
    });
    const [matched] = await run.flowFiles('matched');
    expect(matched?.attributes).toMatchObject({
      first: '{"title":"Sayings","price":8.95,"tags":["classic"]}',
      titles: '["Sayings","Sword"]',
      cheap: 'Sayings',
      tags: 'classic',
    });
  });

  it('accepts the parenthesised filters NiFi users write, without evaluating script', async () => {
    const run = await evaluate({
      ...toAttributes,
      returnType: 'json',
      titles: "$.store.book[?(@.price > 10 && match(@.title, 'S.*'))].title",
    });
    expect((await run.flowFiles('matched'))[0]?.attributes['titles']).toBe('Sword');
  });

  it('writes JSON null as the configured representation', async () => {
    const empty = await evaluate({ ...toAttributes, manager: '$.store.manager' });
    expect((await empty.flowFiles('matched'))[0]?.attributes['manager']).toBe('');
    const text = await evaluate({
      ...toAttributes,
      nullValueRepresentation: "the string 'null'",
      manager: '$.store.manager',
    });
    expect((await text.flowFiles('matched'))[0]?.attributes['manager']).toBe('null');
  });

  it("sets a missing path's attribute to an empty string with 'ignore', and still routes to matched", async () => {
    const run = await evaluate({ ...toAttributes, owner: '$.store.owner', name: '$.store.name' });
    const [matched] = await run.flowFiles('matched');
    expect(matched?.attributes['owner']).toBe('');
    expect(matched?.attributes['name']).toBe('한빛 books');
    expect(run.bulletins()).toEqual([]);
  });

  it("logs a warning for a missing path with 'warn'", async () => {
    const run = await evaluate({
      ...toAttributes,
      pathNotFoundBehavior: 'warn',
      owner: '$.store.owner',
    });
    expect((await run.flowFiles('matched'))[0]?.attributes['owner']).toBe('');
    expect(run.bulletins().map((b) => b.message)).toEqual([
      expect.stringMatching(
        /^store\.json \(.+\) has no value at \$\.store\.owner for 'owner'$/,
      ) as unknown,
    ]);
  });

  it("leaves a missing path's attribute unset with 'skip'", async () => {
    const run = await evaluate(
      { ...toAttributes, pathNotFoundBehavior: 'skip', owner: '$.store.owner' },
      STORE,
      { filename: 'store.json', owner: 'kept' },
    );
    expect((await run.flowFiles('matched'))[0]?.attributes['owner']).toBe('kept');
  });

  it('treats a non-singular path that selects nothing as an empty list, not a missing path', async () => {
    const run = await evaluate({
      ...toAttributes,
      returnType: 'json',
      pathNotFoundBehavior: 'skip',
      none: '$.store.book[?@.price > 100]',
    });
    expect((await run.flowFiles('matched'))[0]?.attributes['none']).toBe('[]');
  });
});

describe('EvaluateJsonPath — flowfile-content', () => {
  it('replaces the content with the result as JSON (auto-detect)', async () => {
    const run = await evaluate({ book: '$.store.book[1]' });
    const [matched] = await run.flowFiles('matched');
    expect(JSON.parse(matched?.text ?? '')).toEqual({
      title: 'Sword',
      price: 12.99,
      tags: ['fiction', 'epic'],
    });
    expect(matched?.attributes['book']).toBeUndefined();
  });

  it('writes a string result without quotes, Korean as UTF-8', async () => {
    const run = await evaluate({ name: '$.store.name' });
    expect((await run.flowFiles('matched'))[0]?.content).toEqual(Buffer.from('한빛 books'));
  });

  it('routes a flowfile whose path selects nothing to unmatched, content untouched', async () => {
    const run = await evaluate({ owner: '$.store.owner' });
    expect(await run.flowFiles('matched')).toEqual([]);
    expect((await run.flowFiles('unmatched'))[0]?.text).toBe(STORE);
  });

  it('requires exactly one JsonPath', async () => {
    const two = await runner({ a: '$.a', b: '$.b' });
    expect(two.validationErrors()).toEqual([
      'Exactly one JsonPath must be set if using destination of flowfile-content (2 set)',
    ]);
    const none = await runner({});
    expect(none.validationErrors()).toEqual([
      'Exactly one JsonPath must be set if using destination of flowfile-content (0 set)',
    ]);
  });
});

describe('EvaluateJsonPath — invalid input and configuration', () => {
  it('sends content that is not JSON to failure, saying why and where', async () => {
    const broken = '{"subject": "hi",\n "body": "line one\nline two"}';
    const run = await evaluate({ ...toAttributes, subject: '$.subject' }, broken);
    const [failed] = await run.flowFiles('failure');
    const reason =
      'the content is not valid JSON: a raw control character (U+000A) inside a string; it must be escaped as \\n (at line 2, column 19)';
    expect(failed?.attributes[EVALUATE_JSON_PATH_FAILURE_ATTRIBUTE]).toBe(reason);
    expect(failed?.text).toBe(broken);
    const [bulletin] = run.bulletins();
    expect(bulletin?.level).toBe('ERROR');
    expect(bulletin?.message).toContain(reason);
  });

  it('sends content that is not UTF-8 to failure', async () => {
    const run = await runner({ ...toAttributes, a: '$.a' });
    await run.enqueue(Buffer.from([0x7b, 0xff, 0x7d]), {});
    await run.run();
    expect(
      (await run.flowFiles('failure'))[0]?.attributes[EVALUATE_JSON_PATH_FAILURE_ATTRIBUTE],
    ).toBe('the content is not UTF-8 text: the bytes 0xFF at byte offset 1 are not valid UTF-8');
  });

  it('refuses a JsonPath that does not parse, naming the property and the character', async () => {
    const run = await runner({ ...toAttributes, title: '$.store.book[', name: 'store.name' });
    expect(run.validationErrors()).toEqual([
      "title: 'title' is not a valid JsonPath: unclosed bracketed selection (at character 14)",
      "name: 'name' is not a valid JsonPath: expected '$', found 's' (at character 1)",
    ]);
  });

  it('evaluates each flowfile of a batch on its own', async () => {
    const run = await runner({ ...toAttributes, id: '$.id' });
    await run.enqueue('{"id": 1}', { filename: 'a' });
    await run.enqueue('not json', { filename: 'b' });
    await run.enqueue('{"id": "x\\"y"}', { filename: 'c' });
    await run.run();
    const matched = await run.flowFiles('matched');
    expect(matched.map((f) => [f.attributes['filename'], f.attributes['id']])).toEqual([
      ['a', '1'],
      ['c', 'x"y'],
    ]);
    expect((await run.flowFiles('failure')).map((f) => f.attributes['filename'])).toEqual(['b']);
  });
});
