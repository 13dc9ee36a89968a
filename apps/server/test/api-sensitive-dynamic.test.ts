import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, until, type TestServer } from './api-support.js';

const SECRET = 's3cr3t';
const AUTHORIZATION = `Bearer ${SECRET}`;

let t: TestServer;
let http: Server;
let url: string;
const received: IncomingHttpHeaders[] = [];

/** A local HTTP server that records the headers of each request it answers. */
beforeAll(async () => {
  http = createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as { port: number }).port}/api`;
});

afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

afterEach(async () => {
  received.length = 0;
  await t.dispose();
});

const git = promisify(execFile);

describe('sensitive dynamic properties', () => {
  it('send the header, but the flow file, export, API, git version and bulletins never hold it', async () => {
    // Given an InvokeHTTP with a literal Authorization header marked sensitive, and a careless
    // processor that logs a sensitive header of its own
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Secret header' });
    const added = await t.client.processors.add.mutate({
      flowId,
      type: 'InvokeHTTP',
      name: 'Call API',
      position: { x: 0, y: 0 },
      properties: { httpUrl: url, Authorization: AUTHORIZATION, 'X-Trace': 'on' },
      sensitiveDynamicProperties: ['Authorization'],
    });
    const call = added.processor.id;
    const updated = await t.client.processors.update.mutate({
      flowId,
      id: call,
      autoTerminatedRelationships: ['Original', 'Response', 'Retry', 'No Retry', 'Failure'],
    });
    const logger = await t.client.processors.add.mutate({
      flowId,
      type: 'HeaderLogger',
      position: { x: 0, y: 200 },
      properties: { Authorization: AUTHORIZATION },
      sensitiveDynamicProperties: ['Authorization'],
    });

    // When InvokeHTTP and the logger run, and the flow is exported and committed
    await t.client.processors.runOnce.mutate({ flowId, ids: [call, logger.processor.id] });
    await until(() => received.length === 1);
    await until(async () => (await t.client.bulletins.query.query({ flowId })).length > 0);
    const bulletins = await t.client.bulletins.query.query({ flowId });
    const exported = await t.client.flows.export.query({ flowId });
    const view = await t.client.flows.get.query({ flowId });
    await t.client.versions.commit.mutate({ flowId, message: 'secret header' });
    const flowsDir = path.join(t.dataDir, 'flows');
    const committed = (await git('git', ['show', `HEAD:${flowId}.json`], { cwd: flowsDir })).stdout;
    const saved = await readFile(path.join(flowsDir, `${flowId}.json`), 'utf8');

    // Then the server received the header as typed
    expect(received[0]?.authorization).toBe(AUTHORIZATION);
    expect(received[0]?.['x-trace']).toBe('on');
    // The API shows only that it is set, the plain header as it is
    expect(updated.processor.properties).toMatchObject({
      Authorization: { set: true },
      'X-Trace': 'on',
    });
    const viewed = view.flow.processors.find((p) => p.id === call);
    expect(viewed?.properties['Authorization']).toEqual({ set: true });
    expect(viewed?.sensitiveDynamicProperties).toEqual(['Authorization']);
    // The bulletin masks it
    expect(bulletins.map((b) => b.message)).toContainEqual(
      'would send {"Authorization":"********"}',
    );
    // The flow file, the export and git keep the name, never the value
    for (const text of [saved, exported.json, committed]) {
      expect(text).not.toContain(SECRET);
      const written = JSON.parse(text) as {
        flow: { processors: { properties: object; sensitiveDynamicProperties?: string[] }[] };
      };
      for (const processor of written.flow.processors) {
        expect(processor.sensitiveDynamicProperties).toEqual(['Authorization']);
        expect(processor.properties).not.toHaveProperty('Authorization');
      }
    }
    for (const body of t.bodies) expect(body).not.toContain(SECRET);

    // And after a restart the secret is back from the vault: the engine still sends it
    t = await t.restart();
    const engine = t.workspace.get(flowId)!;
    const restored = engine.document.flow.processors.find((p) => p.id === call);
    expect(restored?.properties['Authorization']).toBe(AUTHORIZATION);
    await t.client.processors.runOnce.mutate({ flowId, ids: [call] });
    await until(() => received.length === 2);
    expect(received[1]?.authorization).toBe(AUTHORIZATION);
  });

  it('refuse a sensitive dynamic property on a type that does not support them, naming it', async () => {
    // Given an UpdateAttribute (its values become attributes, so NiFi does not support this)
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Not supported' });
    const added = await t.client.processors.add.mutate({
      flowId,
      type: 'UpdateAttribute',
      position: { x: 0, y: 0 },
      properties: { token: 'abc' },
      sensitiveDynamicProperties: ['token'],
    });

    // When its validation is asked for, then the property is named
    const { issues } = await t.client.processors.validateDraft.query({
      flowId,
      id: added.processor.id,
    });
    expect(issues).toContainEqual({
      property: 'token',
      message:
        "'token' is marked sensitive, but UpdateAttribute does not support sensitive dynamic properties",
    });
  });

  it('drop the saved value of a property no longer marked sensitive, so it never turns plain', async () => {
    // Given a sensitive header with a saved value
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Unmark' });
    const added = await t.client.processors.add.mutate({
      flowId,
      type: 'InvokeHTTP',
      position: { x: 0, y: 0 },
      properties: { httpUrl: url, Authorization: AUTHORIZATION },
      sensitiveDynamicProperties: ['Authorization'],
    });

    // When the mark is removed without a new value
    const unmarked = await t.client.processors.update.mutate({
      flowId,
      id: added.processor.id,
      sensitiveDynamicProperties: [],
    });

    // Then the property is gone rather than shown
    expect(unmarked.processor.properties).not.toHaveProperty('Authorization');
    for (const body of t.bodies) expect(body).not.toContain(SECRET);
  });
});
