import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineProcessor, FlowEngine, ProcessorRegistry } from '@sluice/engine';
import { parseFlowDocument } from '@sluice/flow-schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListenHTTP } from './listen-http.js';

/** Downstream of the listener: holds what it receives while stopped, drops it once started. */
const Drain = defineProcessor({
  type: 'Drain',
  description: 'Drops every flowfile it takes',
  tags: [],
  properties: {},
  relationships: {},
  async onTrigger(_ctx, session) {
    for (const flowFile of session.get(1000)) session.remove(flowFile);
  },
});

const TOKEN = 's3cret-token';
let engine: FlowEngine | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await engine?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  engine = undefined;
  dataDir = undefined;
});

/** A port nothing listens on now (the listener binds it right after). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An engine with a ListenHTTP whose `success` goes to a stopped Drain through queue `received`. */
async function openFlow(
  properties: Record<string, string>,
  objectThreshold: number,
  port: number,
): Promise<FlowEngine> {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-listen-http-'));
  const position = { x: 0, y: 0 };
  const document = parseFlowDocument({
    schemaVersion: 1,
    flow: {
      id: 'f',
      name: 'ListenHTTP test',
      processors: [
        {
          id: 'listen',
          type: 'ListenHTTP',
          name: 'Listen',
          position,
          properties: { port: String(port), ...properties },
        },
        { id: 'drain', type: 'Drain', name: 'Drain', position },
      ],
      connections: [
        {
          id: 'received',
          source: { id: 'listen' },
          relationships: ['success'],
          destination: { id: 'drain' },
          backPressure: { objectThreshold },
        },
      ],
    },
  });
  engine = await FlowEngine.open({
    dataDir,
    document,
    registry: new ProcessorRegistry([ListenHTTP, Drain]),
    fsync: 'never',
    autoStart: false,
  });
  return engine;
}

/** A running ListenHTTP (see {@link openFlow}) and the URLs it answers. */
async function listen(
  properties: Record<string, string> = {},
  objectThreshold = 10_000,
): Promise<{ engine: FlowEngine; url: (path?: string) => string }> {
  const port = await freePort();
  const engine = await openFlow(properties, objectThreshold, port);
  expect(await engine.start('listen')).toEqual({ ok: true });
  return {
    engine,
    url: (p = '/contentListener') => `http://127.0.0.1:${port}${p}`,
  };
}

async function queued(
  e: FlowEngine,
): Promise<{ attributes: Record<string, string>; text: string }[]> {
  const result = [];
  for (const flowFile of e.listQueue('received', 0, 1000)) {
    const chunks: Buffer[] = [];
    for await (const chunk of e.readContent(flowFile)) chunks.push(chunk);
    result.push({ attributes: { ...flowFile.attributes }, text: Buffer.concat(chunks).toString() });
  }
  return result;
}

describe('ListenHTTP', () => {
  it('turns a POST into a flowfile with its body, content type, source and chosen headers', async () => {
    const { engine: e, url } = await listen({ headersAsAttributesRegex: 'X-.*|Authorization' });

    const response = await fetch(url(), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Trace-Id': 'abc-123',
        'User-Agent': 'test-client',
        filename: '../../etc/events.json',
      },
      body: '{"event":"click"}',
    });

    expect(response.status).toBe(200);
    const [received, ...rest] = await queued(e);
    expect(rest).toEqual([]);
    expect(received!.text).toBe('{"event":"click"}');
    expect(received!.attributes).toMatchObject({
      'mime.type': 'application/json',
      'X-Trace-Id': 'abc-123',
      filename: 'events.json',
      'restlistener.remote.source.host': '127.0.0.1',
      'restlistener.request.uri': '/contentListener',
      'http.remote.host': '127.0.0.1',
      'http.method': 'POST',
    });
    expect(received!.attributes).not.toHaveProperty('User-Agent');
    const events = await e.provenance.query({ componentId: 'listen', limit: 10 });
    const receive = events.find((event) => event.type === 'RECEIVE');
    expect(receive?.transitUri).toBe(url());
    expect(receive?.details).toBe('Remote Host=127.0.0.1');
  });

  it('takes PUT and paths below the base path, names flowfiles by uuid, answers HEAD and the health check', async () => {
    const { engine: e, url } = await listen({ basePath: '/events/', returnCode: '202' });

    // A byte body: fetch sends no Content-Type, so no mime.type is set.
    const put = await fetch(url('/events/clicks?day=1'), {
      method: 'PUT',
      body: Buffer.from('a,b\n'),
    });
    const head = await fetch(url('/events'), { method: 'HEAD' });
    const health = await fetch(url('/events/healthcheck'));

    expect(put.status).toBe(202);
    expect(head.status).toBe(200);
    expect([health.status, await health.text()]).toEqual([200, 'OK\n']);
    const [received] = await queued(e);
    expect(received!.text).toBe('a,b\n');
    expect(received!.attributes['restlistener.request.uri']).toBe('/events/clicks');
    expect(received!.attributes['http.method']).toBe('PUT');
    expect(received!.attributes['filename']).toBe(received!.attributes['uuid']);
    expect(received!.attributes).not.toHaveProperty('mime.type');
  });

  it('answers 401 without the bearer token or with a wrong one, and never keeps the token', async () => {
    const { engine: e, url } = await listen({
      bearerToken: TOKEN,
      headersAsAttributesRegex: '.*',
    });

    const none = await fetch(url(), { method: 'POST', body: 'x' });
    const wrong = await fetch(url(), {
      method: 'POST',
      headers: { Authorization: 'Bearer not-the-token' },
      body: 'x',
    });
    const basic = await fetch(url(), {
      method: 'POST',
      headers: { Authorization: `Basic ${TOKEN}` },
      body: 'x',
    });
    expect([none.status, wrong.status, basic.status]).toEqual([401, 401, 401]);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await queued(e)).toEqual([]);

    const right = await fetch(url(), {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'X-Kept': 'yes' },
      body: 'ok',
    });
    expect(right.status).toBe(200);
    const [received] = await queued(e);
    expect(received!.attributes['X-Kept']).toBe('yes');
    expect(JSON.stringify(received!.attributes)).not.toContain(TOKEN);
    const events = await e.provenance.query({ componentId: 'listen', limit: 10 });
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  it('answers 404 off the base path, 405 to GET, and 413 to a body over Max Request Size', async () => {
    const { engine: e, url } = await listen({ maxRequestSize: '1 KB' });

    const elsewhere = await fetch(url('/other'), { method: 'POST', body: 'x' });
    const get = await fetch(url());
    const tooLarge = await fetch(url(), { method: 'POST', body: 'x'.repeat(1025) });
    // Without Content-Length (chunked), the limit is found while reading.
    const chunked = await fetch(url(), {
      method: 'POST',
      body: new Blob(['y'.repeat(600), 'y'.repeat(600)]).stream(),
      duplex: 'half',
    } as RequestInit);
    const justFits = await fetch(url(), { method: 'POST', body: 'z'.repeat(1024) });

    expect(elsewhere.status).toBe(404);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, PUT, HEAD');
    expect(tooLarge.status).toBe(413);
    expect(chunked.status).toBe(413);
    expect(justFits.status).toBe(200);
    expect((await queued(e)).map((f) => f.text.length)).toEqual([1024]);
  });

  it('answers 503 with Retry-After while the outgoing connection is full, and takes data again once it drains', async () => {
    const { engine: e, url } = await listen({}, 1);

    const first = await fetch(url(), { method: 'POST', body: 'one' });
    const refused = await fetch(url(), { method: 'POST', body: 'two' });

    expect(first.status).toBe(200);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await queued(e)).map((f) => f.text)).toEqual(['one']);

    expect(await e.start('drain')).toEqual({ ok: true });
    await vi.waitFor(() => expect(e.listQueue('received').length).toBe(0));
    await e.stop('drain');
    const retried = await fetch(url(), { method: 'POST', body: 'two' });
    expect(retried.status).toBe(200);
    expect((await queued(e)).map((f) => f.text)).toEqual(['two']);
  });

  it('answers only after the session holding the flowfile committed', async () => {
    const { engine: e, url } = await listen();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const commit = e.flowFiles.commit.bind(e.flowFiles);
    const held = vi.spyOn(e.flowFiles, 'commit').mockImplementationOnce(async (ops) => {
      await gate;
      return commit(ops);
    });

    let answered = false;
    const response = fetch(url(), { method: 'POST', body: 'durable' }).then((r) => {
      answered = true;
      return r;
    });
    await vi.waitFor(() => expect(held).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    expect(e.listQueue('received')).toEqual([]);

    release();
    expect((await response).status).toBe(200);
    expect((await queued(e)).map((f) => f.text)).toEqual(['durable']);
  });

  it('answers 503 when the commit fails, keeps nothing, and takes the retry', async () => {
    const { engine: e, url } = await listen();
    vi.spyOn(e.flowFiles, 'commit').mockRejectedValueOnce(new Error('disk full'));

    const failed = await fetch(url(), { method: 'POST', body: 'lost?' });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('1');
    expect(await queued(e)).toEqual([]);
    const bulletins = e.bulletins.query({ componentId: 'listen', limit: 10 });
    expect(bulletins.map((b) => b.message).join('\n')).toContain('disk full');

    // The processor yields for a second after the failure; the retry is answered after that.
    const retried = await fetch(url(), { method: 'POST', body: 'lost?' });
    expect(retried.status).toBe(200);
    expect((await queued(e)).map((f) => f.text)).toEqual(['lost?']);
  });

  it('closes the server when stopped', async () => {
    const { engine: e, url } = await listen();
    expect((await fetch(url(), { method: 'POST', body: 'x' })).status).toBe(200);

    await e.stop('listen');

    await expect(fetch(url(), { method: 'POST', body: 'x' })).rejects.toThrow();
    expect((await queued(e)).map((f) => f.text)).toEqual(['x']);
  });

  it('refuses to start on a port in use, saying which', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as { port: number };
      const e = await openFlow({}, 10_000, port);
      const result = await e.start('listen');
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reasons.join()).toContain(
        `Cannot listen on 127.0.0.1:${port}`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
