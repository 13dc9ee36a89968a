import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineProcessor, ProcessorRegistry, prop } from '@sluice/engine';
import { parseFlowDocument } from '@sluice/flow-schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowStore } from './flow-store.js';

const Vault = defineProcessor({
  type: 'Vault',
  description: 'test',
  tags: [],
  inputRequirement: 'allowed',
  properties: {
    token: prop.string({ name: 'Token', sensitive: true }),
    path: prop.string({ name: 'Path' }),
  },
  relationships: { success: 'all' },
  async onTrigger() {},
});

let dir: string;
let store: FlowStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-store-'));
  store = new FlowStore(path.join(dir, 'flows'), new ProcessorRegistry([Vault]));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function flow(token: string) {
  return parseFlowDocument({
    schemaVersion: 1,
    flow: {
      id: 'f1',
      name: 'Vaulted',
      processors: [
        {
          id: 'v',
          type: 'Vault',
          name: 'Vault',
          position: { x: 0.6, y: 0 },
          properties: { token, path: '/kv' },
        },
      ],
    },
  });
}

describe('FlowStore', () => {
  it('saves a flow without its sensitive values and reads it back', async () => {
    await store.save(flow('s3cr3t-token'));
    const text = await readFile(path.join(dir, 'flows', 'f1.json'), 'utf8');
    expect(text).not.toContain('s3cr3t-token');
    const { documents, unreadable } = await store.loadAll();
    expect(unreadable).toEqual([]);
    expect(documents[0]?.flow.processors[0]).toMatchObject({
      position: { x: 1, y: 0 },
      properties: { path: '/kv' },
    });
  });

  it('keeps a parameter reference in a sensitive property, since it reveals nothing', async () => {
    await store.save(flow('#{vault.token}'));
    const { documents } = await store.loadAll();
    expect(documents[0]?.flow.processors[0]?.properties['token']).toBe('#{vault.token}');
  });

  it('writes through a temporary file and leaves none behind', async () => {
    await store.save(flow('a'));
    await store.save(flow('b'));
    expect(await readdir(path.join(dir, 'flows'))).toEqual(['f1.json']);
  });

  it('reports a saved flow that does not parse, with its JSON paths, and loads the others', async () => {
    await store.save(flow('a'));
    await writeFile(
      path.join(dir, 'flows', 'broken.json'),
      JSON.stringify({ schemaVersion: 1, flow: { id: 'b', name: 3 } }),
    );
    const { documents, unreadable } = await store.loadAll();
    expect(documents.map((d) => d.flow.id)).toEqual(['f1']);
    expect(unreadable[0]?.file).toBe(path.join(dir, 'flows', 'broken.json'));
    expect(unreadable[0]?.issues.map((i) => i.path)).toEqual(['flow.name']);
  });

  it('refuses an id that is not safe as a file name', async () => {
    const unsafe = parseFlowDocument({ schemaVersion: 1, flow: { id: '../escape', name: 'x' } });
    await expect(store.save(unsafe)).rejects.toThrow(
      "Flow id '../escape' cannot be used as a file name",
    );
  });
});
