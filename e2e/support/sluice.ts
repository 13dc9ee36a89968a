import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { createTRPCClient, httpLink } from '@trpc/client';
import { ProcessorRegistry } from '@sluice/engine';
import { standardRegistry } from '@sluice/processors';
import {
  logIn,
  startSluice,
  type AppRouter,
  type LoginSession,
  type SluiceServer,
} from '@sluice/server';
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
  /** Adds a user (as the admin); returns a typed API client logged in as them. */
  addUser(
    username: string,
    role: 'viewer' | 'operator' | 'editor' | 'admin',
    password: string,
  ): Promise<ReturnType<typeof createTRPCClient<AppRouter>>>;
}

/** The first admin of every test server; the fixture's `api` and `page` are logged in as them. */
export const ADMIN = { username: 'admin', password: 'e2e-admin-password' } as const;

/** A typed API client sending a session cookie. */
function clientFor(url: string, session: LoginSession) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { cookie: session.header } })],
  });
}

/** How a test's server is started, set with `test.use({ sluiceOptions: { ... } })`. */
export interface SluiceOptions {
  /** How often flows record a status-history point (the server's default is 60 s). */
  readonly statusIntervalMs?: number;
}

async function serve(
  dataDir: string,
  port: number,
  options: SluiceOptions = {},
): Promise<SluiceServer> {
  return startSluice({
    host: '127.0.0.1',
    port,
    dataDir,
    webDir: WEB_DIR,
    registry: new ProcessorRegistry(
      [...standardRegistry().list(), SecretSink],
      standardRegistry().listServices(),
    ),
    fsync: 'never',
    ...(options.statusIntervalMs ? { statusIntervalMs: options.statusIntervalMs } : {}),
    authEnv: { SLUICE_ADMIN_PASSWORD: ADMIN.password },
  });
}

/**
 * `test` with a `sluice` fixture: a server per test, removed with its data afterwards. The
 * browser context starts logged in as {@link ADMIN} (the login page has its own test).
 */
export const test = base.extend<{
  sluice: SluiceFixture;
  session: LoginSession;
  sluiceOptions: SluiceOptions;
}>({
  sluiceOptions: [{}, { option: true }],
  sluice: async ({ sluiceOptions }, use) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-e2e-'));
    let server: SluiceServer | undefined = await serve(dataDir, 0, sluiceOptions);
    const { port, url } = server;
    const api = clientFor(url, await logIn(url, ADMIN.username, ADMIN.password));
    await use({
      url,
      dataDir,
      api,
      async addUser(username, role, password) {
        await api.users.add.mutate({ username, role, password });
        return clientFor(url, await logIn(url, username, password));
      },
      async stop() {
        await server?.close();
        server = undefined;
      },
      async restart() {
        server = await serve(dataDir, port, sluiceOptions);
      },
      async emptyFlow(name = 'E2E flow') {
        return (await api.flows.create.mutate({ name })).id;
      },
    });
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  },
  session: async ({ sluice }, use) => {
    await use(await logIn(sluice.url, ADMIN.username, ADMIN.password));
  },
  context: async ({ context, sluice, session }, use) => {
    await context.addCookies([{ name: session.name, value: session.value, url: sluice.url }]);
    await use(context);
  },
});

export { expect } from '@playwright/test';
