import { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { ROUTE_ATTRIBUTE, RouteOnAttribute } from './route-on-attribute.js';

const runners: TestRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

const ALL = "Route to 'match' if all match";
const ANY = "Route to 'match' if any matches";

async function route(
  properties: Record<string, string>,
  ...inputs: Record<string, string>[]
): Promise<TestRunner> {
  const runner = await TestRunner.create(RouteOnAttribute, { properties });
  runners.push(runner);
  for (const attributes of inputs) await runner.enqueue('body', attributes);
  await runner.run();
  return runner;
}

async function names(runner: TestRunner, relationship: string): Promise<string[]> {
  return (await runner.flowFiles(relationship)).map(
    (flowFile) => flowFile.attributes['filename'] ?? '',
  );
}

const BY_EXTENSION = {
  jpg: "${filename:endsWith('.jpg')}",
  png: "${filename:endsWith('.png')}",
};

describe('RouteOnAttribute — Route to Property name', () => {
  it('routes each flowfile to the relationship named by the property that matches', async () => {
    const runner = await route(
      BY_EXTENSION,
      { filename: 'a.jpg' },
      { filename: 'b.png' },
      { filename: 'c.txt' },
    );
    expect(await names(runner, 'jpg')).toEqual(['a.jpg']);
    expect(await names(runner, 'png')).toEqual(['b.png']);
    expect(await names(runner, 'unmatched')).toEqual(['c.txt']);
    expect(runner.relationships).not.toContain('matched');
  });

  it('clones a flowfile matching two routes to both, each with its route attribute', async () => {
    const runner = await route(
      { images: "${filename:endsWith('.jpg')}", large: '${size:toNumber():gt(100)}' },
      { filename: 'big.jpg', size: '500' },
    );
    const [image] = await runner.flowFiles('images');
    const [large] = await runner.flowFiles('large');
    expect(image?.attributes[ROUTE_ATTRIBUTE]).toBe('images');
    expect(large?.attributes[ROUTE_ATTRIBUTE]).toBe('large');
    expect(image?.flowFile.id).not.toBe(large?.flowFile.id);
    expect(large?.text).toBe('body');
    const events = await runner.provenanceEvents();
    expect(events.map((event) => event.type)).toContain('CLONE');
    const routes = events.filter((event) => event.type === 'ROUTE');
    expect(routes.map((event) => event.relationship).sort()).toEqual(['images', 'large']);
    expect(routes.find((e) => e.relationship === 'large')?.attributes[ROUTE_ATTRIBUTE]).toBe(
      'large',
    );
  });

  it("marks unmatched flowfiles with RouteOnAttribute.Route 'unmatched'", async () => {
    const runner = await route(BY_EXTENSION, { filename: 'c.txt' });
    expect((await runner.flowFiles('unmatched'))[0]?.attributes[ROUTE_ATTRIBUTE]).toBe('unmatched');
  });

  it('treats a value that is not true as false, as NiFi does, rather than failing', async () => {
    const runner = await route(
      { yes: 'TRUE', maybe: '${filename}', empty: '${missing}' },
      { filename: 'a.txt' },
    );
    expect(await names(runner, 'yes')).toEqual(['a.txt']);
    expect(await names(runner, 'maybe')).toEqual([]);
    expect(await names(runner, 'empty')).toEqual([]);
  });

  it('makes every property a relationship that must be connected', async () => {
    const runner = await TestRunner.create(RouteOnAttribute, { properties: BY_EXTENSION });
    runners.push(runner);
    expect([...runner.relationships].sort()).toEqual(['jpg', 'png', 'unmatched']);
  });

  it('refuses to start with a property named like a built-in relationship', async () => {
    const runner = await TestRunner.create(RouteOnAttribute, { properties: { unmatched: 'true' } });
    runners.push(runner);
    await runner.enqueue('body', {});
    await expect(runner.run()).rejects.toThrow(/cannot be named 'unmatched'/);
  });
});

describe("RouteOnAttribute — Route to 'matched' if all / any match", () => {
  const conditions = {
    routingStrategy: ALL,
    isCsv: "${filename:endsWith('.csv')}",
    fromSftp: "${source:equals('sftp')}",
  };

  it('routes to matched only when every condition holds', async () => {
    const runner = await route(
      conditions,
      { filename: 'a.csv', source: 'sftp' },
      { filename: 'b.csv', source: 'http' },
    );
    expect(await names(runner, 'matched')).toEqual(['a.csv']);
    expect(await names(runner, 'unmatched')).toEqual(['b.csv']);
    expect((await runner.flowFiles('matched'))[0]?.attributes[ROUTE_ATTRIBUTE]).toBe('matched');
  });

  it('routes to matched when any condition holds', async () => {
    const runner = await route(
      { ...conditions, routingStrategy: ANY },
      { filename: 'b.csv', source: 'http' },
      { filename: 'c.txt', source: 'http' },
    );
    expect(await names(runner, 'matched')).toEqual(['b.csv']);
    expect(await names(runner, 'unmatched')).toEqual(['c.txt']);
  });

  it('has only matched and unmatched as relationships, as NiFi shows them for this strategy', async () => {
    const runner = await route(conditions, { filename: 'a.csv', source: 'sftp' });
    expect([...runner.relationships].sort()).toEqual(['matched', 'unmatched']);
  });

  it("shows NiFi's display names for the stored 'match' values", () => {
    const values = RouteOnAttribute.properties.routingStrategy.allowableValues ?? [];
    expect(values.map((v) => [v.value, v.displayName])).toEqual([
      ['Route to Property name', 'Route to Property name'],
      [ALL, "Route to 'matched' if all match"],
      [ANY, "Route to 'matched' if any matches"],
    ]);
  });
});
