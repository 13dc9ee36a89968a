import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlowEngine } from '@sluice/engine';
import { parseFlowDocument } from '@sluice/flow-schema';
import { standardRegistry } from '@sluice/processors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';

let dir: string;
let engine: FlowEngine;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-app-'));
  const document = parseFlowDocument({
    schemaVersion: 1,
    flow: {
      id: 'app',
      name: 'Flow <b>"quoted"</b>',
      processors: [
        {
          id: 'gen',
          type: 'GenerateFlowFile',
          name: 'Generate',
          position: { x: 0, y: 0 },
          properties: { batchSize: '3' },
        },
        {
          id: 'log',
          type: 'LogAttribute',
          name: 'Log',
          position: { x: 0, y: 0 },
          autoTerminatedRelationships: ['success'],
        },
      ],
      connections: [
        { id: 'c', source: { id: 'gen' }, relationships: ['success'], destination: { id: 'log' } },
      ],
    },
  });
  engine = await FlowEngine.open({
    dataDir: dir,
    document,
    registry: standardRegistry(),
    autoStart: false,
    fsync: 'never',
  });
  await engine.runOnce('gen');
  server = createApp({ engine }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('createApp', () => {
  it('serves the status page with the flow name escaped', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Flow &#60;b&#62;&#34;quoted&#34;&#60;/b&#62;');
    expect(html).not.toContain('<b>"quoted"</b>');
  });

  it('reports processors and queued counts per connection', async () => {
    const status = (await (await fetch(`${base}/api/status`)).json()) as {
      processors: { id: string; state: string }[];
      connections: { id: string; queued: { count: number }; relationships: string[] }[];
    };
    expect(status.processors.map((p) => [p.id, p.state])).toEqual([
      ['gen', 'STOPPED'],
      ['log', 'STOPPED'],
    ]);
    expect(status.connections).toMatchObject([
      { id: 'c', queued: { count: 3 }, relationships: ['success'] },
    ]);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${base}/api/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found' });
  });
});

describe('createApp with a built editor', () => {
  let editorServer: Server;
  let editorBase: string;

  beforeAll(async () => {
    const webDir = path.join(dir, 'web');
    await mkdir(path.join(webDir, 'assets'), { recursive: true });
    await writeFile(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    editorServer = createApp({ engine, webDir }).listen(0, '127.0.0.1');
    await new Promise((resolve) => editorServer.once('listening', resolve));
    editorBase = `http://127.0.0.1:${(editorServer.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    editorServer.close();
  });

  it('serves the editor at / and at client-side routes, never cached', async () => {
    for (const page of ['/', '/flows/app']) {
      const response = await fetch(`${editorBase}${page}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets as immutable and answers 404 for a missing one', async () => {
    const asset = await fetch(`${editorBase}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${editorBase}/assets/missing.js`)).status).toBe(404);
  });

  it('keeps the status page and the JSON API beside the editor', async () => {
    expect(await (await fetch(`${editorBase}/status`)).text()).toContain('Flow &#60;b&#62;');
    const api = await fetch(`${editorBase}/api/nothing`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'Not found' });
  });
});
