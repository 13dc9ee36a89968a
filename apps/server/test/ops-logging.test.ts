import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.js';
import { AuthService } from '../src/auth/auth-service.js';
import { logIn } from '../src/auth/login-client.js';
import { FlowWorkspace } from '../src/flows/flow-workspace.js';
import { logBulletins } from '../src/ops/bulletin-log.js';
import { testRegistry } from './api-support.js';
import { captureLogs, type LogCapture, type LogRecord } from './log-capture.js';

const PASSWORD = 'correct-horse-battery-staple';

let dir: string;
let workspace: FlowWorkspace;
let auth: AuthService;
let server: Server;
let base: string;
let logs: LogCapture;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-logging-'));
  workspace = await FlowWorkspace.open({ dataDir: dir, registry: testRegistry(), fsync: 'never' });
  auth = await AuthService.open(dir, { SLUICE_ADMIN_PASSWORD: PASSWORD });
  logs = captureLogs('debug');
  server = createApp({ workspace, auth, logger: logs.logger }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await workspace.close();
  await auth.audit.flush();
  await rm(dir, { recursive: true, force: true });
});

/** The records of the request with id `id`. */
const recordsOf = (id: string): LogRecord[] =>
  logs.records().filter((r) => (r['req'] as { id?: string } | undefined)?.id === id);

describe('request logging', () => {
  it('echoes a sane X-Request-Id and logs the request under it', async () => {
    // Given a caller that sends its own request id
    // When it asks for the status page
    const response = await fetch(`${base}/health`, { headers: { 'X-Request-Id': 'lb-7f3a.42' } });

    // Then the answer carries the same id, and so does the request's log line
    expect(response.headers.get('x-request-id')).toBe('lb-7f3a.42');
    expect(recordsOf('lb-7f3a.42')).toMatchObject([
      {
        level: 'debug',
        msg: 'GET /health 200',
        req: { id: 'lb-7f3a.42', method: 'GET', path: '/health' },
        res: { statusCode: 200 },
      },
    ]);
  });

  it('replaces an id that is not a sane token with a new UUID', async () => {
    // Given request ids with spaces and quotes, or far too long, and none at all
    for (const incoming of ['two words', '"quoted"', 'x'.repeat(129), undefined]) {
      // When each is sent
      const response = await fetch(`${base}/health`, {
        headers: incoming === undefined ? {} : { 'X-Request-Id': incoming },
      });

      // Then the answer has a fresh UUID, and the log line uses it
      const id = response.headers.get('x-request-id')!;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(recordsOf(id)).toHaveLength(1);
    }
  });

  it('never logs a password, a session cookie, an Authorization header or a query string', async () => {
    // Given a login (password in the body) that sets a session cookie, a failed login, and
    // requests that send the cookie, a bearer token and a tRPC input in the query
    const session = await logIn(base, 'admin', PASSWORD);
    const failed = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Request-Id': 'failed-login' },
      body: JSON.stringify({ username: 'admin', password: 'wrong-Pa55word-guess' }),
    });
    await fetch(`${base}/api/bulletins?q=query-secret-value`, {
      headers: {
        cookie: session.header,
        authorization: 'Bearer bearer-token-value',
        'X-Request-Id': 'with-session',
      },
    });

    // When the log is read
    const text = logs.text();

    // Then the requests are there, their secrets are not
    expect(failed.status).toBe(401);
    expect(logs.records().some((r) => r.msg === 'POST /trpc/auth.login 200')).toBe(true);
    expect(recordsOf('failed-login').map((r) => r.msg)).toEqual([
      'tRPC auth.login refused: UNAUTHORIZED',
      'POST /trpc/auth.login 401',
    ]);
    expect(recordsOf('with-session').at(-1)).toMatchObject({ req: { path: '/api/bulletins' } });
    for (const secret of [
      PASSWORD,
      'wrong-Pa55word-guess',
      session.value,
      'bearer-token-value',
      'query-secret-value',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/cookie|authorization/i);
  });

  it('logs an unexpected API error with its request id and stack, and a refusal with its code', async () => {
    // Given a workspace that fails once while listing flows
    const { header: cookie } = await logIn(base, 'admin', PASSWORD);
    const list = vi.spyOn(workspace, 'list').mockImplementationOnce(() => {
      throw new Error('the flow store is unreachable');
    });

    // When the API lists flows, then asks for a flow that does not exist
    const broken = await fetch(`${base}/trpc/flows.list`, {
      headers: { cookie, 'X-Request-Id': 'broken-list' },
    });
    list.mockRestore();
    const input = encodeURIComponent(JSON.stringify({ flowId: 'nope' }));
    await fetch(`${base}/trpc/flows.get?input=${input}`, {
      headers: { cookie, 'X-Request-Id': 'missing-flow' },
    });

    // Then the error is logged under the request's id, with the procedure and the stack
    expect(broken.status).toBe(500);
    const [error] = recordsOf('broken-list').filter((r) => r.level === 'error');
    expect(error).toMatchObject({
      msg: 'tRPC flows.list failed',
      procedure: 'flows.list',
      code: 'INTERNAL_SERVER_ERROR',
      error: { type: 'Error', message: 'the flow store is unreachable' },
    });
    expect((error!['error'] as { stack: string }).stack).toContain('ops-logging.test.ts');
    expect(recordsOf('missing-flow')[0]).toMatchObject({
      level: 'info',
      procedure: 'flows.get',
      code: 'NOT_FOUND',
      reason: "No flow with id 'nope'",
    });
  });
});

describe('logBulletins', () => {
  it('logs the bulletins of open and newly created flows as structured records', async () => {
    // Given bulletins followed on a workspace, and a flow created afterwards
    const bulletinLogs = captureLogs('info');
    const stop = logBulletins(workspace, bulletinLogs.logger);
    const engine = await workspace.create('Bulletin flow');

    // When the engine announces a WARN bulletin of a processor
    const bulletin = engine.bulletins.post({
      level: 'WARN',
      componentId: 'put-1',
      componentName: 'Write output',
      componentType: 'PutFile',
      message: 'Directory /out is full',
      flowFileId: 'ff-1',
    });
    engine.events.emit({ type: 'bulletin', bulletin });
    stop();
    engine.events.emit({ type: 'bulletin', bulletin });

    // Then one warn record names the flow and the component; none after stop
    expect(bulletinLogs.records()).toMatchObject([
      {
        level: 'warn',
        source: 'bulletin',
        msg: 'Directory /out is full',
        flowId: engine.document.flow.id,
        flowName: 'Bulletin flow',
        componentId: 'put-1',
        componentName: 'Write output',
        componentType: 'PutFile',
        bulletinLevel: 'WARN',
        bulletinId: bulletin.id,
        flowFileId: 'ff-1',
      },
    ]);
  });
});
