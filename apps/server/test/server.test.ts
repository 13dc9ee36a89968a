import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { standardRegistry } from '@sluice/processors';
import { afterEach, describe, expect, it } from 'vitest';
import { logIn } from '../src/auth/login-client.js';
import { startSluice } from '../src/server.js';

const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sluice-server-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('startSluice', () => {
  it('listens on a free port, serves the API, and stops even with a live stream open', async () => {
    const sluice = await startSluice({
      host: '127.0.0.1',
      port: 0,
      dataDir: await dataDir(),
      registry: standardRegistry(),
      fsync: 'never',
      authEnv: {},
    });
    expect(sluice.port).toBeGreaterThan(0);
    // No admin password given: one was generated, to be printed once.
    const first = sluice.auth.firstAdmin;
    expect(first?.username).toBe('admin');
    expect(first?.generatedPassword).toMatch(/^[\w-]{20}$/);
    const refused = await fetch(`${sluice.url}/trpc/flows.list`);
    expect(refused.status).toBe(401);
    const { header: cookie } = await logIn(sluice.url, 'admin', first!.generatedPassword!);
    const created = await fetch(`${sluice.url}/trpc/flows.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'First' }),
    });
    expect(created.status).toBe(200);
    const { result } = (await created.json()) as { result: { data: { id: string } } };
    const input = encodeURIComponent(JSON.stringify({ flowId: result.data.id }));
    const live = await fetch(`${sluice.url}/trpc/status.live?input=${input}`, {
      headers: { cookie },
    });
    expect(live.headers.get('content-type')).toContain('text/event-stream');
    await sluice.close();
    await expect(fetch(`${sluice.url}/trpc/flows.list`)).rejects.toThrow();
  });

  it('refuses a port in use with a message naming it, and closes its workspace', async () => {
    const options = {
      host: '127.0.0.1',
      dataDir: await dataDir(),
      registry: standardRegistry(),
      fsync: 'never' as const,
    };
    const first = await startSluice({ ...options, port: 0 });
    try {
      await expect(
        startSluice({ ...options, dataDir: await dataDir(), port: first.port }),
      ).rejects.toThrow(`Cannot listen on 127.0.0.1:${first.port}: listen EADDRINUSE`);
    } finally {
      await first.close();
    }
  });
});
