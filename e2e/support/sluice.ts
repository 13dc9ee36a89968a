import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { createTRPCClient, httpLink } from '@trpc/client';
import { ProcessorRegistry } from '@sluice/engine';
import { standardRegistry } from '@sluice/processors';
import { startSluice, type AppRouter, type SluiceServer } from '@sluice/server';
import { SecretSink } from './secret-sink.js';

/** The built editor, next to this package in the monorepo. */
const WEB_DIR = path.resolve(import.meta.dirname, '../../apps/web/dist');

/** A Sluice started for one test over its own data directory, with a typed API client. */
export interface SluiceFixture {
  readonly url: string;
  readonly dataDir: string;
  readonly api: ReturnType<typeof createTRPCClient<AppRouter>>;
  /** Stops the server (the editor should show it is unreachable). */
  stop(): Promise<void>;
  /** Starts it again on the same port over the same data. */
  restart(): Promise<void>;
  /** A new empty flow; returns its id. */
  emptyFlow(name?: string): Promise<string>;
}

async function serve(dataDir: string, port: number): Promise<SluiceServer> {
  return startSluice({
    host: '127.0.0.1',
    port,
    dataDir,
    webDir: WEB_DIR,
    registry: new ProcessorRegistry([...standardRegistry().list(), SecretSink]),
    fsync: 'never',
  });
}

/** `test` with a `sluice` fixture: a server per test, removed with its data afterwards. */
export const test = base.extend<{ sluice: SluiceFixture }>({
  // Playwright reads the fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  sluice: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-e2e-'));
    let server: SluiceServer | undefined = await serve(dataDir, 0);
    const { port, url } = server;
    const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc` })] });
    await use({
      url,
      dataDir,
      api,
      async stop() {
        await server?.close();
        server = undefined;
      },
      async restart() {
        server = await serve(dataDir, port);
      },
      async emptyFlow(name = 'E2E flow') {
        return (await api.flows.create.mutate({ name })).id;
      },
    });
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
