import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logIn } from '../src/auth/login-client.js';
import { startSluice } from '../src/server.js';
import {
  ADMIN,
  buildPipeline,
  clientFor,
  failure,
  startServer,
  testRegistry,
  until,
  type TestServer,
} from './api-support.js';

let t: TestServer;
let flowId: string;

beforeEach(async () => {
  t = await startServer();
  flowId = (await t.client.flows.create.mutate({ name: 'History' })).id;
});

afterEach(async () => {
  await t.dispose();
});

describe('status.history', () => {
  it('gives a connection’s and a processor’s points as columns, kept across a restart', async () => {
    const ids = await buildPipeline(t, flowId);
    await t.client.processors.runOnce.mutate({ flowId, ids: [ids.gen] });
    const engine = t.workspace.get(flowId)!;
    const now = Date.now();
    engine.recordStatus(now - 60_000);
    engine.recordStatus(now);

    const queue = await t.client.status.history.query({ flowId, componentId: ids.first });
    expect(queue).toMatchObject({ kind: 'connection', intervalMs: 60_000 });
    expect(queue.times).toEqual([now - 60_000, now]);
    expect(queue.series['queuedCount']).toEqual([5, 5]);
    expect(queue.series['queuedBytes']).toHaveLength(2);

    const generator = await t.client.status.history.query({ flowId, componentId: ids.gen });
    expect(generator.kind).toBe('processor');
    expect(generator.series['outCount']).toEqual([5, 5]);
    expect(generator.series['inCount']).toEqual([0, 0]);

    t = await t.restart();
    const again = await t.client.status.history.query({ flowId, componentId: ids.first });
    expect(again.times).toEqual([now - 60_000, now]);
    expect(again.series['queuedCount']).toEqual([5, 5]);
  });

  it('refuses an id that is neither a processor nor a connection of the flow', async () => {
    const refused = await failure(t.client.status.history.query({ flowId, componentId: 'ghost' }));
    expect(refused.code).toBe('NOT_FOUND');
    expect(refused.message).toContain("'ghost'");
  });
});

describe('the status-history interval', () => {
  it('records points at the interval the server was started with', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-history-'));
    const sluice = await startSluice({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      registry: testRegistry(),
      fsync: 'never',
      statusIntervalMs: 50,
      authEnv: { SLUICE_ADMIN_PASSWORD: ADMIN.password },
    });
    try {
      const client = clientFor(
        sluice.url,
        (await logIn(sluice.url, 'admin', ADMIN.password)).header,
      );
      const id = (await client.flows.create.mutate({ name: 'Fast' })).id;
      const added = await client.processors.add.mutate({
        flowId: id,
        type: 'GenerateFlowFile',
        name: 'Generate',
        position: { x: 0, y: 0 },
      });
      const componentId = added.processor.id;
      const history = () => client.status.history.query({ flowId: id, componentId });
      await until(async () => (await history()).times.length >= 2, 10_000);
      expect((await history()).intervalMs).toBe(50);
    } finally {
      await sluice.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
