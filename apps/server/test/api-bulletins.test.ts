import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLevel } from '@sluice/engine';
import type { LiveMessage } from '../src/api/status-procedures.js';
import { buildPipeline, failure, startServer, type TestServer } from './api-support.js';

let t: TestServer;
let flowId: string;

beforeEach(async () => {
  t = await startServer();
  flowId = (await t.client.flows.create.mutate({ name: 'Bulletins' })).id;
});

afterEach(async () => {
  await t.dispose();
});

/** Posts a bulletin straight on the flow's board, as a processor's log does. */
function post(componentId: string, level: LogLevel, message: string, time?: number) {
  return t.workspace.get(flowId)!.bulletins.post({
    level,
    componentId,
    componentName: `Processor ${componentId}`,
    componentType: 'PutFile',
    message,
    ...(time === undefined ? {} : { time }),
  });
}

describe('bulletins.query', () => {
  it('pages newest first with beforeId', async () => {
    for (let i = 1; i <= 5; i++) post('p', 'WARN', `problem ${i}`);
    const first = await t.client.bulletins.query.query({ flowId, limit: 2 });
    expect(first.map((b) => b.message)).toEqual(['problem 5', 'problem 4']);
    const next = await t.client.bulletins.query.query({
      flowId,
      limit: 2,
      beforeId: first.at(-1)!.id,
    });
    expect(next.map((b) => b.message)).toEqual(['problem 3', 'problem 2']);
    expect((await failure(t.client.bulletins.query.query({ flowId, beforeId: 0 }))).code).toBe(
      'BAD_REQUEST',
    );
  });

  it('keeps bulletins across a restart', async () => {
    post('p', 'ERROR', 'cannot write /out');
    t = await t.restart();
    const kept = await t.client.bulletins.query.query({ flowId, text: 'cannot write' });
    expect(kept).toMatchObject([
      { level: 'ERROR', componentId: 'p', message: 'cannot write /out' },
    ]);
  });
});

describe('bulletins.summary', () => {
  it('counts the last five minutes per component with the worst level', async () => {
    post('a', 'WARN', 'long ago', Date.now() - 10 * 60_000);
    post('a', 'WARN', 'first');
    post('a', 'ERROR', 'second');
    post('b', 'WARN', 'other');
    const summary = await t.client.bulletins.summary.query({ flowId });
    expect(summary.lastId).toBe(4);
    const byId = new Map(summary.components.map((c) => [c.componentId, c]));
    expect(byId.get('a')).toEqual({
      componentId: 'a',
      count: 2,
      level: 'ERROR',
      latest: ['second', 'first'],
    });
    expect(byId.get('b')?.count).toBe(1);
    const older = await t.client.bulletins.summary.query({ flowId, since: 0 });
    expect(older.components.find((c) => c.componentId === 'a')?.count).toBe(3);
    expect((await failure(t.client.bulletins.summary.query({ flowId: 'ghost' }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

/**
 * Reads live messages until one satisfies `done` (or the stream ends), then cancels the stream.
 * The cut at blank lines is enough here: each message is one `data:` line.
 */
async function readUntil(
  response: Response,
  done: (message: LiveMessage) => boolean,
): Promise<LiveMessage[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const messages: LiveMessage[] = [];
  let buffer = '';
  try {
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) return messages;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((line) => line.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (!data || !data.includes('"kind"')) continue;
        const message = JSON.parse(data.slice('data: '.length)) as LiveMessage;
        messages.push(message);
        if (done(message)) return messages;
      }
    }
  } finally {
    await reader.cancel();
  }
}

describe('bulletin badges in the live stream', () => {
  it('are in the snapshot and come in a delta when a processor posts one', async () => {
    const ids = await buildPipeline(t, flowId);
    await t.client.processors.update.mutate({
      flowId,
      id: ids.log,
      properties: { logLevel: 'warn' },
    });
    const query = encodeURIComponent(JSON.stringify({ flowId, intervalMs: 100 }));
    const response = await t.fetch(`/trpc/status.live?input=${query}`, {
      headers: { accept: 'text/event-stream' },
    });
    const badgeOfLog = (message: LiveMessage) =>
      message.kind === 'delta'
        ? message.delta.bulletins?.changed.find((c) => c.componentId === ids.log)
        : undefined;
    const pending = readUntil(response, (m) => badgeOfLog(m) !== undefined);
    await new Promise((r) => setTimeout(r, 50));
    await t.client.processors.runOnce.mutate({ flowId, ids: [ids.gen] });
    await t.client.processors.start.mutate({ flowId, ids: [ids.wrap, ids.log] });
    const messages = await pending;
    await t.client.processors.stop.mutate({ flowId, ids: [ids.wrap, ids.log] });
    const [first] = messages;
    if (first?.kind !== 'snapshot') throw new Error('expected a snapshot first');
    expect(first.snapshot.bulletins).toEqual({ lastId: 0, components: [] });
    const last = messages.at(-1)!;
    expect(badgeOfLog(last)).toMatchObject({ level: 'WARN', componentId: ids.log });
    expect(badgeOfLog(last)!.count).toBeGreaterThan(0);
    if (last.kind !== 'delta') throw new Error('expected a delta');
    expect(last.delta.bulletins!.lastId).toBeGreaterThan(0);
  });
});
