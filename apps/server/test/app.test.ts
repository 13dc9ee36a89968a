import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
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
