import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPipeline, failure, startServer, type TestServer } from './api-support.js';

let t: TestServer;
let flowId: string;

beforeEach(async () => {
  t = await startServer();
  flowId = (await t.client.flows.create.mutate({ name: 'Wiring' })).id;
});

afterEach(async () => {
  await t.dispose();
});

describe('connections API', () => {
  it('adds a connection with defaults and updates its settings', async () => {
    const { first } = await buildPipeline(t, flowId);
    const document = await t.client.flows.get.query({ flowId });
    expect(document.flow.connections.find((c) => c.id === first)).toMatchObject({
      relationships: ['success'],
      backPressure: { objectThreshold: 10_000, dataSizeThreshold: '1 GB' },
      prioritizers: [],
      expiration: '0 sec',
    });
    const updated = await t.client.connections.update.mutate({
      flowId,
      id: first,
      name: 'to wrap',
      backPressure: { objectThreshold: 50 },
      prioritizers: ['OLDEST_FIRST'],
      bends: [{ x: 1.2, y: 2.7 }],
    });
    expect(updated).toMatchObject({
      name: 'to wrap',
      backPressure: { objectThreshold: 50, dataSizeThreshold: '1 GB' },
      prioritizers: ['OLDEST_FIRST'],
      bends: [{ x: 1, y: 3 }],
    });
    const snapshot = await t.client.status.snapshot.query({ flowId });
    expect(snapshot.connections.find((c) => c.id === first)?.threshold).toBe(50);
  });

  it('refuses a relationship the source does not have, naming the ones it has', async () => {
    const { gen, log } = await buildPipeline(t, flowId);
    expect(
      await failure(
        t.client.connections.add.mutate({
          flowId,
          source: gen,
          destination: log,
          relationships: ['failure'],
        }),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: "Processor 'Generate' has no relationship 'failure'; it has: success",
    });
  });

  it('refuses unknown ends, empty relationships and a bad data size (with its JSON path)', async () => {
    const { gen, first } = await buildPipeline(t, flowId);
    expect(
      await failure(
        t.client.connections.add.mutate({
          flowId,
          source: gen,
          destination: 'ghost',
          relationships: ['success'],
        }),
      ),
    ).toEqual({ code: 'NOT_FOUND', message: "No processor with id 'ghost' in flow 'Wiring'" });
    expect(
      (
        await failure(
          t.client.connections.add.mutate({
            flowId,
            source: gen,
            destination: gen,
            relationships: [],
          }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
    const size = await failure(
      t.client.connections.update.mutate({
        flowId,
        id: first,
        backPressure: { dataSizeThreshold: 'lots' },
      }),
    );
    expect(size.code).toBe('BAD_REQUEST');
    expect(size.message).toContain('flow.connections[0].backPressure.dataSizeThreshold: ');
    expect(
      await failure(t.client.connections.update.mutate({ flowId, id: 'ghost', name: 'x' })),
    ).toEqual({ code: 'NOT_FOUND', message: "No connection with id 'ghost' in flow 'Wiring'" });
    expect((await failure(t.client.connections.delete.mutate({ flowId, ids: 'ghost' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses to delete a connection that holds flowfiles, or to rewire a running end', async () => {
    const { gen, wrap, log, first, second } = await buildPipeline(t, flowId);
    await t.client.processors.runOnce.mutate({ flowId, ids: gen });
    expect(await failure(t.client.connections.delete.mutate({ flowId, ids: first }))).toEqual({
      code: 'BAD_REQUEST',
      message: `Connection '${first}' holds 5 flowfiles; empty it before removing it`,
    });
    expect(await t.client.connections.empty.mutate({ flowId, id: first })).toEqual({ dropped: 5 });
    expect((await failure(t.client.connections.empty.mutate({ flowId, id: 'ghost' }))).code).toBe(
      'NOT_FOUND',
    );
    await t.client.processors.runOnce.mutate({ flowId, ids: gen });
    await t.client.processors.start.mutate({ flowId, ids: log });
    expect(
      (
        await failure(
          t.client.connections.update.mutate({
            flowId,
            id: second,
            relationships: ['success', 'failure'],
          }),
        )
      ).message,
    ).toBe(
      `Connection '${second}' joins a running processor; stop it before changing the connection`,
    );
    await t.client.processors.stop.mutate({ flowId, ids: log });
    await t.client.processors.update.mutate({ flowId, id: wrap, autoTerminatedRelationships: [] });
    const rewired = await t.client.connections.update.mutate({
      flowId,
      id: second,
      relationships: ['success', 'failure'],
    });
    expect(rewired.relationships).toEqual(['success', 'failure']);
    expect(await t.client.connections.delete.mutate({ flowId, ids: [second] })).toEqual({
      deleted: [second],
    });
  });
});

describe('labels API', () => {
  it('adds, updates and deletes labels', async () => {
    const label = await t.client.labels.add.mutate({
      flowId,
      text: 'Ingest',
      position: { x: 1.6, y: 2.2 },
      style: { background: '#ffe' },
    });
    expect(label).toMatchObject({
      text: 'Ingest',
      position: { x: 2, y: 2 },
      size: { width: 200, height: 80 },
    });
    const updated = await t.client.labels.update.mutate({
      flowId,
      id: label.id,
      text: 'Ingest (v2)',
      size: { width: 300, height: 100 },
    });
    expect(updated).toMatchObject({ text: 'Ingest (v2)', size: { width: 300, height: 100 } });
    const badSize = await failure(
      t.client.labels.update.mutate({ flowId, id: label.id, size: { width: -1, height: 5 } }),
    );
    expect(badSize.message).toContain('flow.labels[0].size.width');
    expect(
      (await failure(t.client.labels.update.mutate({ flowId, id: 'ghost', text: '' }))).code,
    ).toBe('NOT_FOUND');
    await t.client.labels.delete.mutate({ flowId, ids: label.id });
    expect((await t.client.flows.get.query({ flowId })).flow.labels).toEqual([]);
  });
});
