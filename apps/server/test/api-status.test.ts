import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveMessage } from '../src/api/status-procedures.js';
import { buildPipeline, failure, startServer, type TestServer } from './api-support.js';
import { readEvents } from './sse-reader.js';

let t: TestServer;
let flowId: string;

beforeEach(async () => {
  t = await startServer();
  flowId = (await t.client.flows.create.mutate({ name: 'Live' })).id;
});

afterEach(async () => {
  await t.dispose();
});

/** Opens status.live over SSE, as httpSubscriptionLink does. */
function live(input: Record<string, unknown>, lastEventId?: string): Promise<Response> {
  const query = encodeURIComponent(JSON.stringify(input));
  return t.fetch(`/trpc/status.live?input=${query}`, {
    headers: {
      accept: 'text/event-stream',
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
  });
}

describe('catalog API', () => {
  it('describes every processor type as JSON Schema plus UI hints', async () => {
    const catalog = await t.client.catalog.list.query();
    expect(catalog.map((c) => c.type)).toContain('ReplaceText');
    const replace = catalog.find((c) => c.type === 'ReplaceText')!;
    expect(replace.relationships.map((r) => r.name)).toEqual(['success', 'failure']);
    expect(replace.schema.properties['replacementStrategy']).toMatchObject({
      type: 'string',
      title: 'Replacement Strategy',
    });
    expect(replace.ui['replacementValue']).toMatchObject({
      displayName: 'Replacement Value',
      kind: 'text',
      sensitive: false,
    });
    expect(replace.ui['evaluationMode']?.allowableValues?.length).toBeGreaterThan(1);
    const secret = catalog.find((c) => c.type === 'SecretSink')!;
    expect(secret.ui['password']).toMatchObject({ sensitive: true, displayName: 'Password' });
    expect(secret.schema.properties['password']).toMatchObject({ writeOnly: true });
    expect(secret.schema.additionalProperties).toBe(false);
  });
});

describe('status API', () => {
  it('gives a snapshot of processors and connections', async () => {
    const ids = await buildPipeline(t, flowId);
    await t.client.processors.runOnce.mutate({ flowId, ids: ids.gen });
    const snapshot = await t.client.status.snapshot.query({ flowId });
    expect(snapshot.processors.map((p) => p.id)).toEqual([ids.gen, ids.wrap, ids.log]);
    expect(snapshot.processors[0]).toMatchObject({ state: 'STOPPED', stats: { outCount: 5 } });
    expect(snapshot.connections.find((c) => c.id === ids.first)).toMatchObject({
      queued: { count: 5 },
      full: false,
      threshold: 10_000,
    });
    expect((await failure(t.client.status.snapshot.query({ flowId: 'ghost' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('streams a full snapshot, then only what changed, with ids to resume from', async () => {
    const ids = await buildPipeline(t, flowId);
    const response = await live({ flowId, intervalMs: 100 });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const pending = readEvents(response, 2);
    await new Promise((r) => setTimeout(r, 50));
    await t.client.processors.runOnce.mutate({ flowId, ids: ids.gen });
    const [first, second] = await pending;
    expect(first?.id).toBe('1');
    const snapshot = JSON.parse(first!.data!) as LiveMessage;
    expect(snapshot.kind).toBe('snapshot');
    expect(second?.id).toBe('2');
    const delta = JSON.parse(second!.data!) as LiveMessage;
    if (delta.kind !== 'delta') throw new Error('expected a delta');
    expect(delta.delta.connections.map((c) => [c.id, c.queued.count])).toEqual([[ids.first, 5]]);
    expect(delta.delta.processors.map((p) => p.id)).toEqual([ids.gen]);

    // A reconnecting client sends the last id it saw and gets a fresh snapshot numbered after it.
    const resumed = await readEvents(await live({ flowId, intervalMs: 100 }, '2'), 1);
    expect(resumed[0]?.id).toBe('3');
    expect((JSON.parse(resumed[0]!.data!) as LiveMessage).kind).toBe('snapshot');
  });

  it('refuses a live stream of an unknown flow', async () => {
    const response = await live({ flowId: 'ghost' });
    const events = await readEvents(response, 1);
    expect(events[0]?.event).toBe('serialized-error');
    expect(events[0]?.data).toContain("No flow with id 'ghost'");
  });
});

describe('bulletins API', () => {
  it('queries bulletins by component, level, text and limit', async () => {
    const ids = await buildPipeline(t, flowId);
    await t.client.processors.update.mutate({
      flowId,
      id: ids.log,
      properties: { logLevel: 'warn' },
    });
    await t.client.processors.runOnce.mutate({ flowId, ids: ids.gen });
    await t.client.processors.start.mutate({ flowId, ids: [ids.wrap, ids.log] });
    let bulletins: Awaited<ReturnType<typeof t.client.bulletins.query.query>> = [];
    for (let i = 0; i < 100 && bulletins.length < 5; i++) {
      await new Promise((r) => setTimeout(r, 20));
      bulletins = await t.client.bulletins.query.query({ flowId, componentId: ids.log });
    }
    expect(bulletins.length).toBeGreaterThanOrEqual(5);
    expect(bulletins[0]).toMatchObject({ level: 'WARN', componentName: 'Log' });
    const limited = await t.client.bulletins.query.query({ flowId, limit: 2, minLevel: 'WARN' });
    expect(limited).toHaveLength(2);
    expect(await t.client.bulletins.query.query({ flowId, minLevel: 'ERROR' })).toEqual([]);
    expect(await t.client.bulletins.query.query({ flowId, text: 'no such text' })).toEqual([]);
    expect((await failure(t.client.bulletins.query.query({ flowId, limit: 0 }))).code).toBe(
      'BAD_REQUEST',
    );
  });
});
