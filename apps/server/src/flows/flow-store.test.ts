import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineProcessor, ProcessorRegistry, prop } from '@sluice/engine';
import { parseFlowDocument } from '@sluice/flow-schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { SecretVault } from '../secrets/secret-vault.js';
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

  it('keeps secrets encrypted in the vault and puts them back on reading', async () => {
    const key = randomBytes(32);
    const vaulted = () =>
      new FlowStore(
        path.join(dir, 'flows'),
        new ProcessorRegistry([Vault]),
        new SecretVault(path.join(dir, 'secrets'), key),
      );
    await vaulted().save(flow('s3cr3t-token'));
    expect(await readFile(path.join(dir, 'flows', 'f1.json'), 'utf8')).not.toContain(
      's3cr3t-token',
    );
    expect(await readFile(path.join(dir, 'secrets', 'f1.json'), 'utf8')).not.toContain(
      's3cr3t-token',
    );
    const { documents } = await vaulted().loadAll();
    expect(documents[0]?.flow.processors[0]?.properties).toEqual({
      token: 's3cr3t-token',
      path: '/kv',
    });
  });

  it('keeps a flow whose secrets cannot be decrypted shut, so they are not lost', async () => {
    const flows = path.join(dir, 'flows');
    const registry = new ProcessorRegistry([Vault]);
    const secrets = path.join(dir, 'secrets');
    await new FlowStore(flows, registry, new SecretVault(secrets, randomBytes(32))).save(
      flow('s3cr3t-token'),
    );
    const before = await readFile(path.join(secrets, 'f1.json'), 'utf8');
    const other = new FlowStore(flows, registry, new SecretVault(secrets, randomBytes(32)));
    const { documents, unreadable } = await other.loadAll();
    expect(documents).toEqual([]);
    expect(unreadable[0]?.issues[0]).toEqual({
      path: 'secrets',
      message: expect.stringContaining('encrypted with another key') as unknown as string,
    });
    expect(await readFile(path.join(secrets, 'f1.json'), 'utf8')).toBe(before);
  });

  it('refuses an id that is not safe as a file name', async () => {
    const unsafe = parseFlowDocument({ schemaVersion: 1, flow: { id: '../escape', name: 'x' } });
    await expect(store.save(unsafe)).rejects.toThrow(
      "Flow id '../escape' cannot be used as a file name",
    );
  });
});
