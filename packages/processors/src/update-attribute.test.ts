import { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { UpdateAttribute } from './update-attribute.js';

const runners: TestRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

async function updateAttribute(
  properties: Record<string, string>,
  ...inputs: Record<string, string>[]
): Promise<TestRunner> {
  const runner = await TestRunner.create(UpdateAttribute, { properties, penaltyDuration: '0 sec' });
  runners.push(runner);
  for (const attributes of inputs) await runner.enqueue('content', attributes);
  await runner.run();
  return runner;
}

async function attributesOut(runner: TestRunner): Promise<Readonly<Record<string, string>>[]> {
  return (await runner.flowFiles('success')).map((flowFile) => flowFile.attributes);
}

describe('UpdateAttribute', () => {
  it('sets a new attribute and leaves the content alone', async () => {
    const runner = await updateAttribute({ 'kafka.topic': 't3q' }, { filename: 'a.txt' });
    const [out] = await runner.flowFiles('success');
    expect(out?.attributes).toMatchObject({ filename: 'a.txt', 'kafka.topic': 't3q' });
    expect(out?.text).toBe('content');
  });

  it('overwrites an existing attribute', async () => {
    const runner = await updateAttribute({ filename: 'renamed.txt' }, { filename: 'a.txt' });
    expect((await attributesOut(runner))[0]?.['filename']).toBe('renamed.txt');
  });

  it('evaluates every value against the incoming attributes, not the ones it sets', async () => {
    const runner = await updateAttribute(
      { a: 'x', b: '${a}', filename: '${filename:toUpper()}' },
      { a: 'old', filename: 'a.txt' },
    );
    expect((await attributesOut(runner))[0]).toMatchObject({ a: 'x', b: 'old', filename: 'A.TXT' });
  });

  it('deletes the attributes whose whole name matches Delete Attributes Expression', async () => {
    const runner = await updateAttribute(
      { deleteAttributes: 'tmp\\..*|secret' },
      { 'tmp.a': '1', 'tmp.b': '2', secret: 's', 'secret.keep': 'k', keep: 'k' },
    );
    const [attributes] = await attributesOut(runner);
    // toHaveProperty takes a dotted string as a path: the array form names the key itself.
    expect(attributes).not.toHaveProperty(['tmp.a']);
    expect(attributes).not.toHaveProperty(['tmp.b']);
    expect(attributes).not.toHaveProperty('secret');
    expect(attributes).toMatchObject({ 'secret.keep': 'k', keep: 'k' });
  });

  it('deletes a matching existing attribute even when a property sets it, but sets new ones', async () => {
    const runner = await updateAttribute(
      { deleteAttributes: 'tmp.*', 'tmp.old': 'set', 'tmp.new': 'set' },
      { 'tmp.old': 'here' },
    );
    const [attributes] = await attributesOut(runner);
    expect(attributes).not.toHaveProperty(['tmp.old']);
    expect(attributes).toMatchObject({ 'tmp.new': 'set' });
  });

  it('never deletes uuid, even when the expression matches everything', async () => {
    const runner = await updateAttribute({ deleteAttributes: '.*' }, { a: '1' });
    const [out] = await runner.flowFiles('success');
    expect(out?.attributes).toEqual({ uuid: out?.flowFile.id });
  });

  it('evaluates a Delete Attributes Expression with expressions per flowfile', async () => {
    const runner = await updateAttribute(
      { deleteAttributes: '${drop}' },
      { drop: 'x', x: '1', y: '2' },
    );
    const [attributes] = await attributesOut(runner);
    expect(attributes).not.toHaveProperty('x');
    expect(attributes).toMatchObject({ y: '2' });
  });

  it('reports a bad Delete Attributes Expression as a validation error', async () => {
    const runner = await TestRunner.create(UpdateAttribute, {
      properties: { deleteAttributes: '[unclosed' },
    });
    runners.push(runner);
    expect(runner.validationErrors()).toEqual([
      expect.stringMatching(/^deleteAttributes: 'Delete Attributes Expression' is not usable/),
    ]);
  });

  it('records an ATTRIBUTES_MODIFIED provenance event', async () => {
    const runner = await updateAttribute({ a: '1' }, {});
    const types = (await runner.provenanceEvents()).map((event) => event.type);
    expect(types).toEqual(['ATTRIBUTES_MODIFIED']);
  });

  it('updates a whole batch in one trigger', async () => {
    const runner = await updateAttribute({ seen: 'yes' }, { n: '1' }, { n: '2' }, { n: '3' });
    expect((await attributesOut(runner)).map((a) => `${a['n']}:${a['seen']}`)).toEqual([
      '1:yes',
      '2:yes',
      '3:yes',
    ]);
  });

  it('rolls the session back when an expression fails to evaluate, as NiFi does', async () => {
    const runner = await updateAttribute(
      { n: '${n:toNumber():plus(1)}' },
      { n: '1' },
      { n: 'not a number' },
      { n: '3' },
    );
    expect(await attributesOut(runner)).toEqual([]);
    expect(runner.inputQueueSize()).toBe(3);
    expect(runner.bulletins()[0]).toMatchObject({
      level: 'ERROR',
      message: expect.stringMatching(/toNumber/),
    });
  });
});
