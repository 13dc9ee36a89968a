import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appRouter } from '../src/api/router.js';
import type { ProcedureMeta } from '../src/api/trpc.js';
import { ROLES, type Role } from '../src/auth/roles.js';
import { ADMIN, clientFor, failure, startServer, type TestServer } from './api-support.js';
import { logIn } from '../src/auth/login-client.js';

let t: TestServer;
/** Whether the running test started a server (the first one only reads the router). */
let started = false;
afterEach(async () => {
  if (started) await t.dispose();
  started = false;
});

async function start(): Promise<TestServer> {
  started = true;
  return startServer();
}

/** Every procedure of the API with the role it declares. */
function procedures(): { path: string; type: string; role: ProcedureMeta['role'] }[] {
  const record = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string; meta?: ProcedureMeta } }
  >;
  return Object.entries(record).map(([path, procedure]) => ({
    path,
    type: procedure._def.type,
    role: procedure._def.meta?.role ?? ('none' as never),
  }));
}

/** Calls a procedure over plain HTTP with an empty input, as a browser would. */
async function call(t: TestServer, path: string, type: string, cookie?: string) {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const input = encodeURIComponent(JSON.stringify({}));
  const response =
    type === 'mutation'
      ? await fetch(`${t.base}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{}',
        })
      : await fetch(`${t.base}/trpc/${path}?input=${input}`, { headers });
  const text = type === 'subscription' ? await firstChunk(response) : await response.text();
  return { status: response.status, text };
}

async function firstChunk(response: Response): Promise<string> {
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}

describe('roles', () => {
  it('are declared on every procedure; only login and "who am I" are public', () => {
    const all = procedures();
    expect(all.length).toBeGreaterThan(40);
    for (const p of all) expect([...ROLES, 'public'], p.path).toContain(p.role);
    expect(all.filter((p) => p.role === 'public').map((p) => p.path)).toEqual([
      'auth.me',
      'auth.login',
      'auth.logout',
    ]);
  });

  it('are checked on every procedure: no session is refused, a lesser role is forbidden', async () => {
    t = await start();
    const cookies = new Map<Role, string>();
    for (const role of ['viewer', 'operator', 'editor'] as const) {
      await t.clientAs(role);
      cookies.set(role, (await logIn(t.base, `${role}-user`, `${role}-user-password`)).header);
    }
    const checked: string[] = [];
    for (const p of procedures()) {
      if (p.role === 'public') continue;
      const anonymous = await call(t, p.path, p.type);
      expect(anonymous.text, p.path).toContain('UNAUTHORIZED');
      const lesser = ROLES[ROLES.indexOf(p.role) - 1];
      if (lesser === undefined) continue;
      const refused = await call(t, p.path, p.type, cookies.get(lesser));
      expect(refused.status, p.path).toBe(403);
      expect(refused.text, p.path).toContain(
        `may not call ${p.path}: that needs the ${p.role} role`,
      );
      checked.push(p.path);
    }
    expect(checked).toContain('processors.start');
    expect(checked).toContain('processors.update');
    expect(checked).toContain('parameters.save');
    expect(checked).toContain('users.add');
  });

  it('let a viewer read a flow and refuse it a start, with the role it lacks', async () => {
    t = await start();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Read only' });
    const gen = await t.client.processors.add.mutate({
      flowId,
      type: 'GenerateFlowFile',
      position: { x: 0, y: 0 },
    });
    const viewer = await t.clientAs('viewer', 'vic');
    expect((await viewer.flows.get.query({ flowId })).flow.name).toBe('Read only');
    const refused = await failure(
      viewer.processors.start.mutate({ flowId, ids: gen.processor.id }),
    );
    expect(refused).toEqual({
      code: 'FORBIDDEN',
      message:
        'vic is a viewer and may not call processors.start: that needs the operator role (start and stop processors and empty queues)',
    });
    const operator = await t.clientAs('operator', 'olga');
    await operator.processors.stop.mutate({ flowId, ids: gen.processor.id });
    const edit = await failure(
      operator.processors.update.mutate({ flowId, id: gen.processor.id, name: 'x' }),
    );
    expect(edit.code).toBe('FORBIDDEN');
  });
});

describe('login', () => {
  it('sets an HttpOnly SameSite=Strict cookie, refuses a wrong password, and logs out', async () => {
    t = await start();
    const login = (password: string) =>
      fetch(`${t.base}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: ADMIN.username, password }),
      });
    const ok = await login(ADMIN.password);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sluice_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const wrong = await login('not-the-password');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong user name or password');

    const session = cookie.split(';')[0]!;
    const client = clientFor(t.base, session);
    expect(await client.auth.me.query()).toEqual({
      authentication: true,
      user: { username: 'admin', role: 'admin' },
    });
    await client.auth.logout.mutate();
    expect((await client.auth.me.query()).user).toBeNull();
    expect((await failure(client.flows.list.query())).code).toBe('UNAUTHORIZED');
  });

  it('makes a name wait after five wrong passwords, even for the right one', async () => {
    t = await start();
    const anonymous = clientFor(t.base);
    for (let i = 0; i < 5; i++) {
      await failure(anonymous.auth.login.mutate({ username: 'admin', password: `guess-${i}` }));
    }
    const locked = await failure(
      anonymous.auth.login.mutate({ username: 'admin', password: ADMIN.password }),
    );
    expect(locked.message).toMatch(/^Too many failed logins for 'admin'; try again in \d+ s$/);
  });

  it('keeps sessions across a restart', async () => {
    t = await start();
    const cookie = t.cookie;
    t = await t.restart();
    expect((await clientFor(t.base, cookie).auth.me.query()).user?.username).toBe('admin');
  });
});

describe('users', () => {
  it('are stored with scrypt hashes in a 0600 file, never the password', async () => {
    t = await start();
    await t.client.users.add.mutate({ username: 'eve', role: 'editor', password: 'eve-s3cret-pw' });
    const file = path.join(t.dataDir, 'users.json');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('eve-s3cret-pw');
    expect(text).not.toContain(ADMIN.password);
    expect(text).toMatch(/"passwordHash": "scrypt\$32768\$8\$1\$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await t.client.users.list.query()).map((u) => [u.username, u.role])).toEqual([
      ['admin', 'admin'],
      ['eve', 'editor'],
    ]);
  });

  it('keep one admin, refuse bad names and short passwords, and end sessions on removal', async () => {
    t = await start();
    const lastAdmin = await failure(
      t.client.users.update.mutate({ username: 'admin', role: 'viewer' }),
    );
    expect(lastAdmin.message).toContain("'admin' is the last admin");
    const short = await failure(
      t.client.users.add.mutate({ username: 'bob', role: 'viewer', password: 'short' }),
    );
    expect(short.message).toContain('A password needs at least 8 characters');
    const badName = await failure(
      t.client.users.add.mutate({ username: 'bob smith', role: 'viewer', password: 'long-enough' }),
    );
    expect(badName.message).toContain('User names may hold letters');
    const duplicate = await failure(
      t.client.users.add.mutate({ username: 'admin', role: 'viewer', password: 'long-enough' }),
    );
    expect(duplicate.message).toBe("A user named 'admin' already exists");
    const viewer = await t.clientAs('viewer', 'vic');
    await t.client.users.remove.mutate({ username: 'vic' });
    expect((await failure(viewer.flows.list.query())).code).toBe('UNAUTHORIZED');
  });
});

describe('the audit log', () => {
  it('records who changed, started, emptied or was refused what, without property values', async () => {
    t = await start();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Audited' });
    const sink = await t.client.processors.add.mutate({
      flowId,
      type: 'SecretSink',
      position: { x: 0, y: 0 },
    });
    const id = sink.processor.id;
    await t.client.processors.update.mutate({
      flowId,
      id,
      properties: { password: 'aud1t-s3cret' },
    });
    const viewer = await t.clientAs('viewer', 'vic');
    await failure(viewer.processors.start.mutate({ flowId, ids: id }));
    const entries = await t.client.audit.query.query({ flowId });
    expect(entries.map((e) => [e.user, e.action, e.outcome, e.targets])).toEqual([
      ['vic', 'processors.start', 'refused', [id]],
      ['admin', 'processors.update', 'done', [id]],
      ['admin', 'processors.add', 'done', undefined],
    ]);
    await t.auth.audit.flush();
    const file = await readFile(path.join(t.dataDir, 'audit.jsonl'), 'utf8');
    expect(file).toContain('"action":"processors.update"');
    expect(file).not.toContain('aud1t-s3cret');
    expect((await failure(viewer.audit.query.query({}))).code).toBe('FORBIDDEN');
  });
});
