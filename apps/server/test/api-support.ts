import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import {
  defineControllerService,
  defineProcessor,
  ProcessorRegistry,
  prop,
  serviceApi,
} from '@sluice/engine';
import { standardRegistry } from '@sluice/processors';
import { createApp } from '../src/app.js';
import type { AppRouter } from '../src/api/router.js';
import { AuthService } from '../src/auth/auth-service.js';
import { logIn } from '../src/auth/login-client.js';
import type { Role } from '../src/auth/roles.js';
import { FlowWorkspace } from '../src/flows/flow-workspace.js';
import { closeVersioning } from '../src/versions/versions-of.js';

/** A processor with a secret, since no standard processor has one yet. */
export const SecretSink = defineProcessor({
  type: 'SecretSink',
  description: 'Takes flowfiles and drops them, after pretending to log in with a password.',
  tags: ['test'],
  inputRequirement: 'allowed',
  properties: {
    user: prop.string({ name: 'User', default: 'admin' }),
    password: prop.string({ name: 'Password', sensitive: true, description: 'The password' }),
    pin: prop.integer({ name: 'PIN', sensitive: true }),
  },
  relationships: { success: 'Everything' },
  async onTrigger(_ctx, session) {
    const flowFile = session.get();
    if (flowFile) session.remove(flowFile);
  },
});

/**
 * A careless sender: logs the headers it would send, dynamic properties that may be marked
 * sensitive included, so a test can check the bulletin never holds a secret.
 */
export const HeaderLogger = defineProcessor({
  type: 'HeaderLogger',
  description: 'Logs its dynamic properties (headers) in an error bulletin.',
  tags: ['test'],
  inputRequirement: 'forbidden',
  properties: {},
  dynamicProperties: { description: 'A header', expressionScope: 'none', supportsSensitive: true },
  relationships: {},
  async onTrigger(ctx) {
    ctx.log.error(`would send ${JSON.stringify(Object.fromEntries(ctx.dynamicProperties()))}`);
  },
});

/** What {@link TokenVault} provides: a token, handed to processors that use it. */
const TokenApi = serviceApi<{ token: string }>('TokenService');

/** A controller service with a secret, for the controller service API's tests. */
export const TokenVault = defineControllerService({
  type: 'TokenVault',
  description: 'Holds a token; refuses to enable with the token "refuse".',
  tags: ['test'],
  properties: {
    url: prop.string({ name: 'Vault URL', required: true }),
    token: prop.string({ name: 'Token', sensitive: true, required: true }),
  },
  provides: TokenApi,
  enable(ctx) {
    const token = ctx.requiredProperty('token');
    if (token === 'refuse') throw new Error(`vault at ${ctx.requiredProperty('url')} said no`);
    return { token };
  },
});

/** A processor that takes flowfiles and stamps the token's length on them, through a {@link TokenVault}. */
export const TokenUser = defineProcessor({
  type: 'TokenUser',
  description: 'Drops flowfiles after reading a token from a TokenVault.',
  tags: ['test'],
  inputRequirement: 'allowed',
  properties: { vault: prop.service({ name: 'Token Vault', required: true, api: TokenApi }) },
  relationships: { success: 'Everything' },
  async onTrigger(ctx, session) {
    ctx.requiredProperty('vault');
    const flowFile = session.get();
    if (flowFile) session.remove(flowFile);
  },
});

/** The standard processors and services plus the test types of this file. */
export function testRegistry(): ProcessorRegistry {
  const standard = standardRegistry();
  return new ProcessorRegistry(
    [...standard.list(), SecretSink, TokenUser, HeaderLogger],
    [...standard.listServices(), TokenVault],
  );
}

/** A server on port 0 over a workspace in a data directory; `restart` reopens the same directory. */
export interface TestServer {
  readonly dataDir: string;
  readonly base: string;
  readonly workspace: FlowWorkspace;
  readonly auth: AuthService;
  /** A client logged in as the first admin ({@link ADMIN}). */
  readonly client: ReturnType<typeof createTRPCClient<AppRouter>>;
  /** A `Cookie` header of the admin's session, for plain HTTP requests. */
  readonly cookie: string;
  /** `fetch(base + path)` (or a whole URL) as the logged-in admin: plain routes need a session too. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Adds a user with a role and returns a client logged in as them. */
  clientAs(role: Role, username?: string): Promise<ApiClient>;
  /** Every response body the client received, in order. */
  readonly bodies: string[];
  restart(): Promise<TestServer>;
  close(): Promise<void>;
  /** close() and remove the data directory. */
  dispose(): Promise<void>;
}

/** A typed API client. */
export type ApiClient = ReturnType<typeof createTRPCClient<AppRouter>>;

/** The first admin of every test server. */
export const ADMIN = { username: 'admin', password: 'api-test-admin-password' } as const;

/** A client for `base` that sends `cookie` (or none) and records every body it receives. */
export function clientFor(base: string, cookie?: string, bodies: string[] = []): ApiClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/trpc`,
        ...(cookie ? { headers: { cookie } } : {}),
        fetch: async (url, init) => {
          const response = await fetch(url, init as RequestInit);
          bodies.push(await response.clone().text());
          return response;
        },
      }),
    ],
  });
}

/** Starts an in-process server; pass a data directory to reopen one. */
export async function startServer(dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'sluice-api-')));
  const workspace = await FlowWorkspace.open({
    dataDir: dir,
    registry: testRegistry(),
    fsync: 'never',
  });
  const auth = await AuthService.open(dir, { SLUICE_ADMIN_PASSWORD: ADMIN.password });
  const server: Server = createApp({ workspace, auth }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bodies: string[] = [];
  const cookie = (await logIn(base, ADMIN.username, ADMIN.password)).header;
  const client = clientFor(base, cookie, bodies);
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await closeVersioning(workspace);
    await workspace.close();
    await auth.audit.flush();
  };
  return {
    dataDir: dir,
    base,
    workspace,
    auth,
    client,
    cookie,
    bodies,
    close,
    fetch: (path, init = {}) =>
      fetch(path.startsWith('http') ? path : `${base}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), cookie },
      }),
    async clientAs(role, username = `${role}-user`) {
      const password = `${username}-password`;
      await client.users.add.mutate({ username, role, password });
      return clientFor(base, (await logIn(base, username, password)).header, bodies);
    },
    restart: async () => {
      await close();
      return startServer(dir);
    },
    dispose: async () => {
      await close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The tRPC error code and message of a rejected call. */
export async function failure(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { code?: string } | undefined;
      return { code: data?.code ?? 'UNKNOWN', message: error.message };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Waits until `check` is true, polling. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A flow with GenerateFlowFile → (success) → ReplaceText 'Wrap' → (success) → LogAttribute,
 * auto-terminating the rest; returns the ids.
 */
export async function buildPipeline(t: TestServer, flowId: string) {
  const gen = await t.client.processors.add.mutate({
    flowId,
    type: 'GenerateFlowFile',
    name: 'Generate',
    position: { x: 0.4, y: 10.6 },
    properties: { batchSize: '5' },
  });
  const wrap = await t.client.processors.add.mutate({
    flowId,
    type: 'ReplaceText',
    name: 'Wrap',
    position: { x: 300, y: 0 },
  });
  const log = await t.client.processors.add.mutate({
    flowId,
    type: 'LogAttribute',
    name: 'Log',
    position: { x: 600, y: 0 },
  });
  await t.client.processors.update.mutate({
    flowId,
    id: wrap.processor.id,
    autoTerminatedRelationships: ['failure'],
  });
  await t.client.processors.update.mutate({
    flowId,
    id: log.processor.id,
    autoTerminatedRelationships: ['success'],
  });
  const first = await t.client.connections.add.mutate({
    flowId,
    source: gen.processor.id,
    destination: wrap.processor.id,
    relationships: ['success'],
  });
  const second = await t.client.connections.add.mutate({
    flowId,
    source: wrap.processor.id,
    destination: log.processor.id,
    relationships: ['success'],
  });
  return {
    gen: gen.processor.id,
    wrap: wrap.processor.id,
    log: log.processor.id,
    first: first.id,
    second: second.id,
  };
}
