import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './api-support.js';
import { readEvents } from './sse-reader.js';

const SECRET = 'hunter2-Sup3r-s3cr3t';
const PIN = 'pin-s3cr3t-not-a-number';

let t: TestServer;

afterEach(async () => {
  await t.dispose();
});

describe('sensitive properties', () => {
  it('are accepted on update, shown only as set / not set, and never written or sent', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Secrets' });
    const gen = await t.client.processors.add.mutate({
      flowId,
      type: 'GenerateFlowFile',
      position: { x: 0, y: 0 },
    });
    const added = await t.client.processors.add.mutate({
      flowId,
      type: 'SecretSink',
      name: 'Login',
      position: { x: 200, y: 0 },
    });
    const sink = added.processor.id;
    expect(added.processor.properties).toEqual({ password: { set: false }, pin: { set: false } });
    await t.client.connections.add.mutate({
      flowId,
      source: gen.processor.id,
      destination: sink,
      relationships: ['success'],
    });

    const updated = await t.client.processors.update.mutate({
      flowId,
      id: sink,
      properties: { password: SECRET, user: 'ops' },
      autoTerminatedRelationships: ['success'],
    });
    expect(updated.processor.properties).toEqual({
      user: 'ops',
      password: { set: true },
      pin: { set: false },
    });
    // A message that would quote a secret value gets it masked.
    const invalid = await t.client.processors.update.mutate({
      flowId,
      id: sink,
      properties: { pin: PIN },
    });
    expect(invalid.validationErrors).toEqual([
      { property: 'pin', message: "'PIN': '********' is not an integer" },
    ]);
    const refused = await t.client.processors.start.mutate({ flowId, ids: [sink] });
    expect(refused.results[0]?.reasons).toEqual(["'PIN': '********' is not an integer"]);
    const snapshotWithPin = await t.client.status.snapshot.query({ flowId });
    expect(JSON.stringify(snapshotWithPin)).toContain("'PIN': '********'");
    const pageWithPin = await (await fetch(`${t.base}/api/status`)).text();
    expect(pageWithPin).toContain("'PIN': '********'");
    await t.client.processors.update.mutate({ flowId, id: sink, properties: { pin: null } });
    // Updating something else keeps the secret.
    const renamed = await t.client.processors.update.mutate({ flowId, id: sink, name: 'Login 2' });
    expect(renamed.processor.properties['password']).toEqual({ set: true });

    // A session touching every read procedure.
    const document = await t.client.flows.get.query({ flowId });
    expect(document.flow.processors.find((p) => p.id === sink)?.properties['password']).toEqual({
      set: true,
    });
    await t.client.flows.list.query();
    await t.client.catalog.list.query();
    await t.client.processors.validation.query({ flowId });
    await t.client.processors.runOnce.mutate({ flowId, ids: gen.processor.id });
    await t.client.processors.start.mutate({ flowId, ids: [sink] });
    await t.client.status.snapshot.query({ flowId });
    await t.client.bulletins.query.query({ flowId });
    await t.client.processors.move.mutate({
      flowId,
      moves: [{ id: sink, position: { x: 1, y: 1 } }],
    });
    await t.client.processors.stopAll.mutate({ flowId });
    const query = encodeURIComponent(JSON.stringify({ flowId }));
    const stream = await fetch(`${t.base}/trpc/status.live?input=${query}`, {
      headers: { accept: 'text/event-stream' },
    });
    const events = await readEvents(stream, 1);
    const pages = await Promise.all(
      ['/', '/api/status', '/api/bulletins'].map(async (p) =>
        (await fetch(`${t.base}${p}`)).text(),
      ),
    );

    const everything = [...t.bodies, ...events.map((e) => e.data ?? ''), ...pages, pageWithPin];
    expect(t.bodies.length).toBeGreaterThan(10);
    for (const body of everything) {
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(PIN);
    }

    const saved = await readFile(path.join(t.dataDir, 'flows', `${flowId}.json`), 'utf8');
    expect(saved).not.toContain(SECRET);
    expect(saved).toContain('"user": "ops"');

    // Secrets are not saved, so after a restart the property is not set (use a #{parameter}).
    t = await t.restart();
    const after = await t.client.flows.get.query({ flowId });
    expect(after.flow.processors.find((p) => p.id === sink)?.properties).toEqual({
      user: 'ops',
      password: { set: false },
      pin: { set: false },
    });
  });
});
