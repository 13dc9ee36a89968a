import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, startServer, until, type TestServer } from './api-support.js';
import { readEvents } from './sse-reader.js';

const SECRET = 'hunter2-Sup3r-s3cr3t';
const PIN = 'pin-s3cr3t-not-a-number';
const PARAMETER_SECRET = 'param-Pa55-w0rd-9f8e';

let t: TestServer;

afterEach(async () => {
  await t.dispose();
});

describe('sensitive properties', () => {
  it('a one-letter secret leaves ids and names whole, so every component stays addressable', async () => {
    // Given a sensitive property set to "e", a letter of most ids and names
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Generate everything' });
    const added = await t.client.processors.add.mutate({
      flowId,
      type: 'SecretSink',
      name: 'Secret sink',
      position: { x: 0, y: 0 },
    });
    const id = added.processor.id;
    await t.client.processors.update.mutate({ flowId, id, properties: { password: 'e' } });

    // When the flow is read back
    const document = await t.client.flows.get.query({ flowId });

    // Then its ids and names are intact and the processor can be addressed by what came back
    const processor = document.flow.processors.find((p) => p.name === 'Secret sink');
    expect(processor?.id).toBe(id);
    expect(document.flow.name).toBe('Generate everything');
    const renamed = await t.client.processors.update.mutate({
      flowId,
      id: processor!.id,
      name: 'Renamed',
    });
    expect(renamed.processor.name).toBe('Renamed');
  });

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
    const pageWithPin = await (await t.fetch(`/api/status`)).text();
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
    const stream = await t.fetch(`/trpc/status.live?input=${query}`, {
      headers: { accept: 'text/event-stream' },
    });
    const events = await readEvents(stream, 1);
    const pages = await Promise.all(
      ['/', '/api/status', '/api/bulletins'].map(async (p) => (await t.fetch(`${p}`)).text()),
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

    // Secrets are kept encrypted at rest, so after a restart the property is still set.
    t = await t.restart();
    const after = await t.client.flows.get.query({ flowId });
    expect(after.flow.processors.find((p) => p.id === sink)?.properties).toEqual({
      user: 'ops',
      password: { set: true },
      pin: { set: false },
    });
    const engine = t.workspace.get(flowId)!;
    expect(engine.document.flow.processors.find((p) => p.id === sink)?.properties).toMatchObject({
      password: SECRET,
    });
  });
});

/** Every file under a directory, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('secrets at rest and in every output', () => {
  it('appear in no API answer, export, log line, provenance or file on disk', async () => {
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) =>
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
        return true;
      });
    const spies = [capture(process.stdout), capture(process.stderr)];
    try {
      t = await startServer();
      const { id: flowId } = await t.client.flows.create.mutate({ name: 'At rest' });
      const ctxId = 'ctx-1';
      await t.client.parameters.save.mutate({
        flowId,
        boundContextId: ctxId,
        contexts: [
          {
            id: ctxId,
            name: 'Logins',
            parameters: [
              { name: 'login.password', sensitive: true, value: PARAMETER_SECRET },
              { name: 'login.user', sensitive: false, value: 'ops' },
            ],
          },
        ],
      });
      const gen = await t.client.processors.add.mutate({
        flowId,
        type: 'GenerateFlowFile',
        position: { x: 0, y: 0 },
        properties: { 'Custom Text': 'payload', 'Batch Size': '5' },
      });
      const sink = await t.client.processors.add.mutate({
        flowId,
        type: 'SecretSink',
        position: { x: 300, y: 0 },
        properties: { password: SECRET, user: '#{login.user}' },
      });
      const byRef = await t.client.processors.add.mutate({
        flowId,
        type: 'SecretSink',
        position: { x: 300, y: 200 },
        properties: { password: '#{login.password}' },
      });
      await t.client.connections.add.mutate({
        flowId,
        source: gen.processor.id,
        destination: sink.processor.id,
        relationships: ['success'],
      });
      for (const id of [sink.processor.id, byRef.processor.id]) {
        await t.client.processors.update.mutate({
          flowId,
          id,
          autoTerminatedRelationships: ['success'],
        });
      }
      await t.client.processors.runOnce.mutate({ flowId, ids: gen.processor.id });
      await t.client.processors.runOnce.mutate({ flowId, ids: sink.processor.id });
      await until(async () => {
        const snapshot = await t.client.status.snapshot.query({ flowId });
        return snapshot.connections.every((c) => c.queued.count === 0);
      });
      const params = await t.client.parameters.get.query({ flowId });
      expect(params.contexts[0]?.parameters).toEqual([
        { name: 'login.password', sensitive: true, value: { set: true } },
        { name: 'login.user', sensitive: false, value: 'ops' },
      ]);
      const exported = await t.client.flows.export.query({ flowId });
      expect(JSON.stringify(exported)).toContain('#{login.password}');
      await t.client.flows.get.query({ flowId });
      await t.client.bulletins.query.query({ flowId });
      const engine = t.workspace.get(flowId)!;
      const provenance = await engine.provenance.query({ limit: 10_000 });
      expect(provenance.length).toBeGreaterThan(0);
      await engine.provenance.flush();

      t = await t.restart();
      // The secrets came back from the vault: the processor using the parameter is valid.
      const validation = await t.client.processors.validation.query({ flowId });
      expect(validation.find((v) => v.id === byRef.processor.id)?.issues).toEqual([]);
      expect(t.workspace.get(flowId)?.secretValues).toEqual([SECRET, PARAMETER_SECRET]);

      const outputs = [
        ...t.bodies,
        JSON.stringify(exported),
        JSON.stringify(provenance),
        ...written,
      ];
      for (const text of outputs) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(PARAMETER_SECRET);
      }
      const files = await filesUnder(t.dataDir);
      expect(files.some((f) => f.includes(`${path.sep}provenance${path.sep}`))).toBe(true);
      expect(files).toContain(path.join(t.dataDir, 'secrets', `${flowId}.json`));
      for (const file of files) {
        const bytes = await readFile(file);
        expect(bytes.includes(SECRET), file).toBe(false);
        expect(bytes.includes(PARAMETER_SECRET), file).toBe(false);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('parameters', () => {
  it('keep a sensitive value the browser did not send, and drop it when made plain', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Params' });
    const save = (value: string | undefined, sensitive = true) =>
      t.client.parameters.save.mutate({
        flowId,
        boundContextId: 'c',
        contexts: [
          {
            id: 'c',
            name: 'C',
            parameters: [{ name: 'p', sensitive, ...(value === undefined ? {} : { value }) }],
          },
        ],
      });
    await save(PARAMETER_SECRET);
    const kept = await save(undefined);
    expect(kept.contexts[0]?.parameters[0]?.value).toEqual({ set: true });
    expect(t.workspace.get(flowId)?.secretValues).toEqual([PARAMETER_SECRET]);
    const plain = await save(undefined, false);
    expect(plain.contexts[0]?.parameters[0]).toEqual({ name: 'p', sensitive: false, value: '' });
    expect(t.workspace.get(flowId)?.secretValues).toEqual([]);
  });

  it('refuse duplicate and malformed names, and an unknown bound context, saying where', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Params' });
    const duplicate = await failure(
      t.client.parameters.save.mutate({
        flowId,
        boundContextId: null,
        contexts: [
          {
            id: 'c',
            name: 'C',
            parameters: [
              { name: 'a', sensitive: false, value: '1' },
              { name: 'a', sensitive: false, value: '2' },
            ],
          },
        ],
      }),
    );
    expect(duplicate.code).toBe('BAD_REQUEST');
    expect(duplicate.message).toContain("Parameter 'a' appears twice in context 'C'");
    const malformed = await failure(
      t.client.parameters.save.mutate({
        flowId,
        boundContextId: null,
        contexts: [{ id: 'c', name: 'C', parameters: [{ name: 'a{b}', sensitive: false }] }],
      }),
    );
    expect(malformed.message).toContain('Parameter names may hold letters');
    const unknown = await failure(
      t.client.parameters.save.mutate({ flowId, boundContextId: 'nope', contexts: [] }),
    );
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(unknown.message).toContain('unknown parameter context "nope"');
  });
});
