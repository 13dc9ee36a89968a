import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  defineProcessor,
  FlowEngine,
  ProcessorRegistry,
  TestRunner,
  validateFlow,
} from '@sluice/engine';
import { parseFlowDocument } from '@sluice/flow-schema';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedAfterEach } from '../test/support/runners.js';
import { InvokeHTTP } from './invoke-http.js';

const TOKEN = 'tok-9f8e7d';

/** What the test server received, newest last. */
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly at: number;
}

const seen: Seen[] = [];
let server: Server;
let base: string;

/**
 * A real HTTP server on 127.0.0.1: /echo answers what it received as JSON, /status/<code>
 * answers that code, /slow never answers, /stall sends headers then stops, /redirect sends 302.
 */
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, at: Date.now() });
      const url = req.url ?? '/';
      const status = /^\/status\/(\d{3})/.exec(url);
      if (url.startsWith('/echo')) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Echo': 'yes' });
        res.end(
          JSON.stringify({
            method: req.method,
            url,
            headers: req.headers,
            size: body.length,
            body,
          }),
        );
      } else if (status) {
        res.writeHead(Number(status[1]), { 'Content-Type': 'text/plain' });
        res.end(`answered ${status[1]}`);
      } else if (url === '/redirect') {
        res.writeHead(302, { Location: '/echo/redirected' });
        res.end();
      } else if (url === '/stall') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('partial');
      } else if (url !== '/slow') {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  seen.length = 0;
  server.closeIdleConnections();
});

const track = closedAfterEach();

async function runner(properties: Record<string, string>): Promise<TestRunner> {
  return track(await TestRunner.create(InvokeHTTP, { properties }));
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('InvokeHTTP', () => {
  it('sends a GET with expression-language URL and headers; the answer goes to Response, the request to Original', async () => {
    const run = await runner({
      httpUrl: `${base}/echo/\${id}`,
      'X-Request-Id': '${id:prepend("req-")}',
      Authorization: `Bearer ${TOKEN}`,
      requestUserAgent: 'sluice-test',
    });
    await run.enqueue('ignored for GET', { id: '42', 'mime.type': 'text/plain' });

    await run.run();

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/echo/42', body: '' });
    expect(seen[0]!.headers).toMatchObject({
      'x-request-id': 'req-42',
      authorization: `Bearer ${TOKEN}`,
      'user-agent': 'sluice-test',
    });
    const [response] = await run.flowFiles('Response');
    const [original] = await run.flowFiles('Original');
    expect(JSON.parse(response!.text)).toMatchObject({ method: 'GET', url: '/echo/42' });
    expect(response!.attributes).toMatchObject({
      'invokehttp.status.code': '200',
      'invokehttp.status.message': 'OK',
      'invokehttp.request.url': `${base}/echo/42`,
      'invokehttp.response.url': `${base}/echo/42`,
      'mime.type': 'application/json',
      'x-echo': 'yes',
      id: '42',
    });
    expect(response!.attributes['invokehttp.tx.id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(response!.attributes['invokehttp.request.duration'])).toBeGreaterThanOrEqual(0);
    expect(original!.text).toBe('ignored for GET');
    expect(original!.attributes['invokehttp.status.code']).toBe('200');
    expect(await run.flowFiles('Retry')).toEqual([]);

    // The token went to the server, and nowhere else.
    const events = await run.provenanceEvents();
    expect(events.find((e) => e.type === 'FETCH')?.transitUri).toBe(`${base}/echo/42`);
    const kept = JSON.stringify([
      response!.attributes,
      original!.attributes,
      events,
      run.bulletins(),
    ]);
    expect(kept).not.toContain(TOKEN);
  });

  it('sends the flowfile content as the body of POST, PUT and PATCH, with its Content-Type', async () => {
    const run = await runner({ httpMethod: '${verb}', httpUrl: `${base}/echo` });
    await run.enqueue('{"a":1}', { verb: 'post', 'mime.type': 'application/json' });
    await run.enqueue('plain', { verb: 'PUT' });
    const large = 'x'.repeat(2 * 1024 * 1024 + 7);
    await run.enqueue(large, { verb: 'PATCH' });

    await run.run(3);

    expect(seen.map((s) => [s.method, s.body.length, s.headers['content-type']])).toEqual([
      ['POST', 7, 'application/json'],
      ['PUT', 5, 'application/octet-stream'],
      ['PATCH', large.length, 'application/octet-stream'],
    ]);
    expect(seen[0]!.body).toBe('{"a":1}');
    // A large body is streamed, still with its length announced (not chunked).
    expect(seen[2]!.headers['content-length']).toBe(String(large.length));
    expect(seen[2]!.headers['transfer-encoding']).toBeUndefined();
    expect(seen[2]!.body === large).toBe(true);
    expect((await run.flowFiles('Original')).map((f) => f.text.length)).toEqual([
      7,
      5,
      large.length,
    ]);
  });

  it('routes 5xx to Retry penalized, other codes to No Retry, with the error body in an attribute', async () => {
    const run = await runner({ httpUrl: `${base}/status/\${code}` });
    for (const code of ['200', '404', '503', '302']) await run.enqueue(code, { code });

    await run.run(4);

    const retry = await run.flowFiles('Retry');
    const noRetry = await run.flowFiles('No Retry');
    expect(retry.map((f) => f.attributes['invokehttp.status.code'])).toEqual(['503']);
    expect(retry[0]!.attributes['invokehttp.status.message']).toBe('Service Unavailable');
    expect(retry[0]!.attributes['invokehttp.response.body']).toBe('answered 503');
    expect(retry[0]!.flowFile.penalizedUntil).toBeGreaterThan(Date.now());
    expect(noRetry.map((f) => f.attributes['invokehttp.status.code'])).toEqual(['404', '302']);
    expect(noRetry[0]!.attributes['invokehttp.response.body']).toBe('answered 404');
    expect(noRetry[0]!.flowFile.penalizedUntil).toBe(0);
    expect((await run.flowFiles('Original')).map((f) => f.text)).toEqual(['200']);
    expect((await run.flowFiles('Response')).map((f) => f.text)).toEqual(['answered 200']);
    expect(await run.flowFiles('Failure')).toEqual([]);
  });

  it('follows redirects by default; with them disabled a 302 goes to No Retry', async () => {
    const follows = await runner({ httpUrl: `${base}/redirect` });
    await follows.enqueue('x');
    await follows.run();
    const [response] = await follows.flowFiles('Response');
    expect(response!.attributes['invokehttp.response.url']).toBe(`${base}/echo/redirected`);

    const stays = await runner({ httpUrl: `${base}/redirect`, responseRedirectsEnabled: 'false' });
    await stays.enqueue('x');
    await stays.run();
    expect(
      (await stays.flowFiles('No Retry')).map((f) => f.attributes['invokehttp.status.code']),
    ).toEqual(['302']);
  });

  it('puts the body in the named attribute instead of a Response, and generates one on request for any code', async () => {
    const toAttribute = await runner({
      httpUrl: `${base}/echo/attr`,
      responseBodyAttributeName: 'api.answer',
      responseBodyAttributeSize: '20',
    });
    await toAttribute.enqueue('x');
    await toAttribute.run();
    const [original] = await toAttribute.flowFiles('Original');
    expect(original!.attributes['api.answer']).toBe('{"method":"GET","url');
    expect(await toAttribute.flowFiles('Response')).toEqual([]);

    const always = await runner({
      httpUrl: `${base}/status/404`,
      responseGenerationRequired: 'true',
      requestFailurePenalizationEnabled: 'true',
    });
    await always.enqueue('x');
    await always.run();
    const [noRetry] = await always.flowFiles('No Retry');
    expect(noRetry!.flowFile.penalizedUntil).toBeGreaterThan(Date.now());
    expect((await always.flowFiles('Response')).map((f) => f.text)).toEqual(['answered 404']);
  });

  it('routes a timeout, a stalled body, a refused connection and a bad URL to Failure with the reason', async () => {
    const port = await closedPort();
    const run = await runner({
      httpUrl: '${target}',
      connectionTimeout: '100 ms',
      socketReadTimeout: '300 ms',
    });
    await run.enqueue('slow', { target: `${base}/slow` });
    await run.enqueue('stall', { target: `${base}/stall` });
    await run.enqueue('refused', { target: `http://127.0.0.1:${port}/` });
    await run.enqueue('bad', { target: 'not a url' });

    await run.run(4);

    const failed = await run.flowFiles('Failure');
    const reasons = Object.fromEntries(
      failed.map((f) => [
        f.text,
        [
          f.attributes['invokehttp.java.exception.class'],
          f.attributes['invokehttp.java.exception.message'],
        ],
      ]),
    );
    expect(reasons['slow']).toEqual([
      'HttpTimeoutError',
      'No response within 400 ms (Connection Timeout + Socket Read Timeout)',
    ]);
    expect(reasons['stall']).toEqual([
      'HttpTimeoutError',
      'The response body sent nothing for 300 ms (Socket Read Timeout)',
    ]);
    expect(reasons['refused']![0]).toBe('Error [ECONNREFUSED]');
    expect(reasons['refused']![1]).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(reasons['bad']![0]).toBe('TypeError [ERR_INVALID_URL]');
    expect(reasons['bad']![1]).toContain("'HTTP URL' evaluated to 'not a url'");
    expect(failed.every((f) => f.flowFile.penalizedUntil > Date.now())).toBe(true);
    // The stalled answer's half-written Response flowfile was dropped, not sent on.
    expect(await run.flowFiles('Response')).toEqual([]);
    expect(
      run
        .bulletins()
        .map((b) => b.message)
        .join('\n'),
    ).toContain('Routing to Failure');
  });

  it.each([
    ['a control character fetch refuses when sending', '\u0001'],
    ['a line break Headers refuses at once', '\nX-Injected: 1'],
  ])('never shows an invalid Authorization value in the failure reason (%s)', async (_, bad) => {
    const run = await runner({ httpUrl: `${base}/echo`, Authorization: `Bearer ${TOKEN}${bad}` });
    await run.enqueue('x');
    await run.run();
    const [failed] = await run.flowFiles('Failure');
    expect(failed!.attributes['invokehttp.java.exception.message']).toContain('Authorization');
    expect(JSON.stringify([failed!.attributes, run.bulletins()])).not.toContain(TOKEN);
    expect(seen).toEqual([]);
  });

  it('with an incoming connection and nothing queued, sends nothing', async () => {
    const run = await runner({ httpUrl: `${base}/echo` });
    await run.run();
    expect(seen).toEqual([]);
  });

  it('refuses a literal URL that is not http or https', async () => {
    const run = await runner({ httpUrl: 'ftp://example.com/file' });
    expect(run.validationErrors()).toContain("httpUrl: 'HTTP URL' must use http or https, not ftp");
  });
});

describe('InvokeHTTP without an incoming connection', () => {
  let engine: FlowEngine | undefined;
  let dataDir: string | undefined;

  afterEach(async () => {
    await engine?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    engine = undefined;
  });

  const Hold = defineProcessor({
    type: 'Hold',
    description: 'Keeps what arrives (never started)',
    tags: [],
    properties: {},
    relationships: {},
    async onTrigger() {},
  });

  it('polls the URL on its run schedule as a source', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-invoke-http-'));
    const position = { x: 0, y: 0 };
    engine = await FlowEngine.open({
      dataDir,
      document: parseFlowDocument({
        schemaVersion: 1,
        flow: {
          id: 'f',
          name: 'poll',
          processors: [
            {
              id: 'poll',
              type: 'InvokeHTTP',
              name: 'Poll',
              position,
              properties: { httpUrl: `${base}/echo/poll`, 'X-Poll': 'yes' },
              scheduling: { period: '200 ms' },
              autoTerminatedRelationships: ['Original', 'Retry', 'No Retry', 'Failure'],
            },
            { id: 'hold', type: 'Hold', name: 'Hold', position },
          ],
          connections: [
            {
              id: 'responses',
              source: { id: 'poll' },
              relationships: ['Response'],
              destination: { id: 'hold' },
            },
          ],
        },
      }),
      registry: new ProcessorRegistry([InvokeHTTP, Hold]),
      fsync: 'never',
      autoStart: false,
    });

    expect(await engine.start('poll')).toEqual({ ok: true });
    await expect
      .poll(() => engine!.listQueue('responses').length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(3);
    await engine.stop('poll');

    // On its timer (Run Schedule 200 ms), not in a busy loop.
    const gaps = seen.slice(1).map((s, i) => s.at - seen[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(180);
    expect(seen.length).toBe(engine.listQueue('responses').length);
    expect(seen.every((s) => s.method === 'GET' && s.headers['x-poll'] === 'yes')).toBe(true);
    const [first] = engine.listQueue('responses');
    expect(first!.attributes).toMatchObject({
      'invokehttp.status.code': '200',
      'mime.type': 'application/json',
    });
    const events = await engine.provenance.query({ componentId: 'poll', limit: 10 });
    expect(events.some((e) => e.type === 'RECEIVE' && e.transitUri === `${base}/echo/poll`)).toBe(
      true,
    );
  });

  it('sends a sensitive dynamic header, which no validation, attribute, provenance event or bulletin holds', async () => {
    // Given a flow whose InvokeHTTP has a literal Authorization header marked sensitive
    const secret = 'Bearer s3cr3t';
    dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-invoke-http-'));
    const position = { x: 0, y: 0 };
    const document = parseFlowDocument({
      schemaVersion: 1,
      flow: {
        id: 'f',
        name: 'secret header',
        processors: [
          {
            id: 'call',
            type: 'InvokeHTTP',
            name: 'Call',
            position,
            properties: { httpUrl: `${base}/echo/secret`, Authorization: secret, 'X-Trace': 'on' },
            sensitiveDynamicProperties: ['Authorization'],
            autoTerminatedRelationships: ['Original', 'Retry', 'No Retry', 'Failure'],
          },
          { id: 'hold', type: 'Hold', name: 'Hold', position },
        ],
        connections: [
          {
            id: 'responses',
            source: { id: 'call' },
            relationships: ['Response'],
            destination: { id: 'hold' },
          },
        ],
      },
    });
    const registry = new ProcessorRegistry([InvokeHTTP, Hold]);
    expect(validateFlow(document, registry)).toMatchObject({ ok: true });
    engine = await FlowEngine.open({
      dataDir,
      document,
      registry,
      fsync: 'never',
      autoStart: false,
    });

    // When it runs once
    expect(await engine.runOnce('call')).toEqual({ ok: true });
    await expect.poll(() => engine!.listQueue('responses').length).toBe(1);

    // Then the server got the header, and the secret is nowhere the engine keeps things
    expect(seen.map((s) => s.headers.authorization)).toEqual([secret]);
    expect(seen[0]!.headers['x-trace']).toBe('on');
    const [response] = engine.listQueue('responses');
    const events = await engine.provenance.query({ componentId: 'call', limit: 10 });
    expect(events.length).toBeGreaterThan(0);
    const kept = JSON.stringify([response!.attributes, events, engine.bulletins.query()]);
    expect(kept).not.toContain('s3cr3t');
  });
});
