import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureVersioning, versioningOf } from '../src/versions/versions-of.js';
import { buildPipeline, failure, startServer, type TestServer } from './api-support.js';

let t: TestServer;
let flowId: string;
let scratch: string;

beforeEach(async () => {
  t = await startServer();
  configureVersioning(t.workspace, { timeouts: { networkMs: 2000 } });
  flowId = (await t.client.flows.create.mutate({ name: 'Versioned' })).id;
  scratch = await mkdtemp(path.join(tmpdir(), 'sluice-git-'));
});

afterEach(async () => {
  await t.dispose();
  await rm(scratch, { recursive: true, force: true });
});

/** Runs git outside Sluice (a person looking at a repository). */
function git(args: string[], cwd?: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A new bare repository, as a team's remote would be. */
function bareRemote(name = 'remote.git'): string {
  const dir = path.join(scratch, name);
  git(['init', '--quiet', '--bare', dir]);
  return dir;
}

describe('versions: commit, status, log', () => {
  it('starts untracked, commits only the flow file, and is clean after', async () => {
    // Given two flows and no repository yet
    const other = (await t.client.flows.create.mutate({ name: 'Other' })).id;
    await buildPipeline(t, flowId);
    expect(await t.client.versions.status.query({ flowId })).toEqual({
      flowId,
      tracked: false,
      uncommitted: true,
      head: null,
    });
    // When the first flow is committed
    const v1 = await t.client.versions.commit.mutate({ flowId, message: 'v1: the pipeline' });
    // Then its file, and only it, is in the commit; the flows directory is its own repository
    const flows = path.join(t.dataDir, 'flows');
    expect(existsSync(path.join(flows, '.git'))).toBe(true);
    expect(git(['show', '--name-only', '--format=', v1.hash], flows).trim()).toBe(`${flowId}.json`);
    // The author is the logged-in user; the committer stays Sluice.
    expect(v1).toMatchObject({
      message: 'v1: the pipeline',
      author: { name: 'admin', email: 'admin@sluice.local' },
    });
    expect(git(['show', '-s', '--format=%cn <%ce>', v1.hash], flows).trim()).toBe(
      'Sluice <sluice@localhost>',
    );
    expect(await t.client.versions.status.query({ flowId })).toEqual({
      flowId,
      tracked: true,
      uncommitted: false,
      head: v1,
    });
    expect((await t.client.versions.status.query({ flowId: other })).tracked).toBe(false);
    expect(await t.client.versions.log.query({ flowId })).toEqual([v1]);
    expect(await t.client.versions.log.query({ flowId: other })).toEqual([]);
  });

  it('does not count run states as changes, and refuses an empty commit', async () => {
    const { gen } = await buildPipeline(t, flowId);
    await t.client.versions.commit.mutate({ flowId, message: 'v1' });
    await t.client.processors.start.mutate({ flowId, ids: gen });
    expect((await t.client.versions.status.query({ flowId })).uncommitted).toBe(false);
    expect(await failure(t.client.versions.commit.mutate({ flowId, message: 'again' }))).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(
        /^Flow 'Versioned' has no changes since version [0-9a-f]{8} \('v1'\); nothing to commit$/,
      ),
    });
    await t.client.processors.stop.mutate({ flowId, ids: gen });
  });

  it('refuses a NUL character in a commit message or any git argument as bad input, not a server error', async () => {
    // given a flow with a change to commit
    await buildPipeline(t, flowId);

    // then the API refuses the message (the fuzzer found this as an internal error)
    const refused = await failure(t.client.versions.commit.mutate({ flowId, message: 'a\u0000b' }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    expect(refused.message).toContain('a commit message cannot hold a NUL character');

    // and below the API, git is never started with one
    const { versions } = versioningOf(t.workspace);
    await expect(versions.commit(flowId, 'a\u0000b')).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('cannot take a NUL character'),
    });
  });

  it('names the author a commit is given (the logged-in user), the committer otherwise', async () => {
    const { versions } = versioningOf(t.workspace);
    const mine = await versions.commit(flowId, 'by Ada', { name: 'Ada', email: 'ada@example.com' });
    expect(mine.author).toEqual({ name: 'Ada', email: 'ada@example.com' });
    const flows = path.join(t.dataDir, 'flows');
    expect(git(['log', '-1', '--format=%an <%ae> / %cn <%ce>'], flows).trim()).toBe(
      'Ada <ada@example.com> / Sluice <sluice@localhost>',
    );
    await t.client.flows.rename.mutate({ flowId, name: 'Renamed' });
    await expect(
      versions.commit(flowId, 'forged', { name: 'Eve <eve@x>', email: 'x' }),
    ).rejects.toThrow(/cannot be a commit's author/);
  });

  it('refuses bad input with messages a person can act on', async () => {
    expect(
      await failure(t.client.versions.commit.mutate({ flowId, message: '   ' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('a commit needs a message'),
    });
    expect(await failure(t.client.versions.status.query({ flowId: 'ghost' }))).toEqual({
      code: 'NOT_FOUND',
      message: "No flow with id 'ghost'",
    });
    await t.client.versions.commit.mutate({ flowId, message: 'v1' });
    expect(
      await failure(t.client.versions.diff.query({ flowId, from: 'abcdef12', to: 'working' })),
    ).toEqual({ code: 'NOT_FOUND', message: "Flow 'Versioned' has no version 'abcdef12'" });
    expect(
      (await failure(t.client.versions.diff.query({ flowId, from: 'HEAD~1', to: 'working' }))).code,
    ).toBe('BAD_REQUEST');
    expect(
      (await failure(t.client.versions.restore.mutate({ flowId, version: '--help' }))).code,
    ).toBe('BAD_REQUEST');
    // Another flow's commit is not a version of this one.
    const other = (await t.client.flows.create.mutate({ name: 'Other' })).id;
    const theirs = await t.client.versions.commit.mutate({ flowId: other, message: 'other' });
    expect(
      await failure(t.client.versions.restore.mutate({ flowId, version: theirs.hash })),
    ).toEqual({ code: 'NOT_FOUND', message: `Flow 'Versioned' has no version '${theirs.hash}'` });
  });
});

describe('versions: diff and restore', () => {
  it('diffs two versions by component and field, and restores one as a new change', async () => {
    // Given v1, then a changed property and an added processor committed as v2
    const { wrap } = await buildPipeline(t, flowId);
    const v1 = await t.client.versions.commit.mutate({ flowId, message: 'v1' });
    await t.client.processors.update.mutate({
      flowId,
      id: wrap,
      properties: { searchValue: '(?s)(^.*$)' },
    });
    const added = await t.client.processors.add.mutate({
      flowId,
      type: 'LogAttribute',
      name: 'Audit',
      position: { x: 900, y: 0 },
    });
    expect((await t.client.versions.status.query({ flowId })).uncommitted).toBe(true);
    const v2 = await t.client.versions.commit.mutate({ flowId, message: 'v2' });

    // When v1 and v2 are compared
    const { from, to, diff } = await t.client.versions.diff.query({
      flowId,
      from: v1.hash,
      to: v2.shortHash,
    });
    // Then the added processor and the property change (by its display name) are listed
    expect(from).toEqual({ kind: 'commit', version: v1 });
    expect(to).toEqual({ kind: 'commit', version: v2 });
    expect(diff.components).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          change: 'added',
          kind: 'processor',
          id: added.processor.id,
          name: 'Audit',
          sketch: { type: 'LogAttribute', position: { x: 900, y: 0 } },
        }),
        expect.objectContaining({
          change: 'changed',
          id: wrap,
          fields: [
            expect.objectContaining({
              category: 'property',
              field: 'Search Value',
              after: '(?s)(^.*$)',
            }),
          ],
        }),
      ]),
    );
    expect(diff.components).toHaveLength(2);
    // And v2 against the flow as it is now shows nothing
    const now = await t.client.versions.diff.query({ flowId, from: v2.hash, to: 'working' });
    expect(now.diff).toEqual({ flow: [], components: [] });

    // When v1 is restored
    const { restored } = await t.client.versions.restore.mutate({ flowId, version: v1.hash });
    expect(restored).toEqual(v1);
    // Then the running flow is v1 again, as an uncommitted change that can be committed
    const flow = (await t.client.flows.get.query({ flowId })).flow;
    expect(flow.processors.map((p) => p.name).sort()).toEqual(['Generate', 'Log', 'Wrap']);
    expect(flow.processors.find((p) => p.id === wrap)?.properties.searchValue).not.toBe(
      '(?s)(^.*$)',
    );
    expect(
      (await t.client.versions.diff.query({ flowId, from: v1.hash, to: 'working' })).diff,
    ).toEqual({ flow: [], components: [] });
    expect((await t.client.versions.status.query({ flowId })).uncommitted).toBe(true);
    const v3 = await t.client.versions.commit.mutate({ flowId, message: 'back to v1' });
    expect((await t.client.versions.log.query({ flowId })).map((v) => v.message)).toEqual([
      'back to v1',
      'v2',
      'v1',
    ]);
    // And restoring v2 again undoes the restore
    await t.client.versions.restore.mutate({ flowId, version: v2.hash });
    expect((await t.client.flows.get.query({ flowId })).flow.processors).toHaveLength(4);
    expect(v3.hash).not.toBe(v2.hash);
  });

  it('refuses to discard uncommitted changes unless told to', async () => {
    await buildPipeline(t, flowId);
    const v1 = await t.client.versions.commit.mutate({ flowId, message: 'v1' });
    await t.client.flows.rename.mutate({ flowId, name: 'Renamed' });
    expect(await failure(t.client.versions.restore.mutate({ flowId, version: v1.hash }))).toEqual({
      code: 'CONFLICT',
      message: `Flow 'Renamed' has uncommitted changes that restoring version ${v1.shortHash} would discard; commit them first, or restore anyway`,
    });
    expect((await t.client.flows.get.query({ flowId })).flow.name).toBe('Renamed');
    await t.client.versions.restore.mutate({ flowId, version: v1.hash, discardUncommitted: true });
    expect((await t.client.flows.get.query({ flowId })).flow.name).toBe('Versioned');
  });

  it('refuses a version that would change a running processor, changing nothing', async () => {
    const { gen } = await buildPipeline(t, flowId);
    const v1 = await t.client.versions.commit.mutate({ flowId, message: 'v1' });
    await t.client.processors.update.mutate({ flowId, id: gen, properties: { batchSize: '9' } });
    await t.client.versions.commit.mutate({ flowId, message: 'v2' });
    await t.client.processors.start.mutate({ flowId, ids: gen });
    const refused = await failure(t.client.versions.restore.mutate({ flowId, version: v1.hash }));
    expect(refused).toEqual({
      code: 'CONFLICT',
      message: `Version ${v1.shortHash} of flow 'Versioned' cannot be restored now: Processor 'Generate' is running; stop it before changing its configuration`,
    });
    const processor = (await t.client.flows.get.query({ flowId })).flow.processors.find(
      (p) => p.id === gen,
    );
    expect(processor?.properties.batchSize).toBe('9');
    await t.client.processors.stop.mutate({ flowId, ids: gen });
  });

  it('keeps secrets out of git and keeps them in the running flow across a restore', async () => {
    // Given a processor with a password, committed
    const sink = await t.client.processors.add.mutate({
      flowId,
      type: 'SecretSink',
      name: 'Sink',
      position: { x: 0, y: 0 },
      properties: { password: 'hunter2-very-secret' },
    });
    const v1 = await t.client.versions.commit.mutate({ flowId, message: 'v1' });
    await t.client.processors.update.mutate({ flowId, id: sink.processor.id, name: 'Sink 2' });
    await t.client.versions.commit.mutate({ flowId, message: 'v2' });
    // When v1 is restored
    await t.client.versions.restore.mutate({ flowId, version: v1.hash });
    // Then the password never reached git, and the running flow still has it
    const flows = path.join(t.dataDir, 'flows');
    expect(git(['log', '-p', '--all'], flows)).not.toContain('hunter2');
    const engine = t.workspace.get(flowId)!;
    expect(engine.document.flow.processors[0]?.properties.password).toBe('hunter2-very-secret');
    expect(t.bodies.join('\n')).not.toContain('hunter2');
  });
});

describe('versions: remote', () => {
  it('pushes to a bare repository and shows the remote without credentials', async () => {
    await buildPipeline(t, flowId);
    const v1 = await t.client.versions.commit.mutate({ flowId, message: 'v1' });
    expect(await failure(t.client.versions.push.mutate())).toEqual({
      code: 'PRECONDITION_FAILED',
      message: 'No remote is configured to push to; set the remote URL first',
    });
    const remote = bareRemote();
    expect(await t.client.versions.setRemote.mutate({ url: remote })).toEqual({
      url: remote,
      branch: 'main',
      ahead: 1,
      behind: null,
    });
    expect(await t.client.versions.push.mutate()).toEqual({
      remote,
      branch: 'main',
      pushed: 1,
    });
    expect(git(['--git-dir', remote, 'log', '--format=%H %s', 'main']).trim()).toBe(
      `${v1.hash} v1`,
    );
    expect(await t.client.versions.remote.query()).toMatchObject({ ahead: 0, behind: 0 });

    await t.client.versions.setRemote.mutate({
      url: 'https://ada:tok3n-secret-value@git.example.com/x.git',
    });
    expect((await t.client.versions.remote.query()).url).toBe('https://***@git.example.com/x.git');
    expect(t.bodies.join('\n')).not.toContain('tok3n-secret-value');
    expect(await t.client.versions.setRemote.mutate({ url: null })).toMatchObject({ url: null });
  });

  it('refuses a remote URL that could run a command', async () => {
    for (const url of ['ext::sh -c touch% /tmp/sluice-pwned', '--upload-pack=touch', 'ftp://x/y']) {
      expect((await failure(t.client.versions.setRemote.mutate({ url }))).code).toBe('BAD_REQUEST');
    }
    expect((await t.client.versions.remote.query()).url).toBeNull();
  });

  it.each([
    ['a closed port', 'http://127.0.0.1:9/x.git', /Failed to connect to 127\.0\.0\.1 port 9/],
    [
      'a path with no repository',
      '/nonexistent/sluice/remote.git',
      /does not appear to be a git repository/,
    ],
  ])('names a remote that is down (%s), and loses nothing', async (_what, url, reason) => {
    await buildPipeline(t, flowId);
    const v1 = await t.client.versions.commit.mutate({ flowId, message: 'v1' });
    await t.client.versions.setRemote.mutate({ url });
    const push = await failure(t.client.versions.push.mutate());
    expect(push.code).toBe('PRECONDITION_FAILED');
    expect(push.message).toContain(
      `Push to remote 'origin' (${url}) failed: the remote cannot be reached`,
    );
    expect(push.message).toMatch(reason);
    expect(push.message).toContain('Nothing was lost');
    const pull = await failure(t.client.versions.pull.mutate());
    expect(pull.code).toBe('PRECONDITION_FAILED');
    expect(pull.message).toContain(`Pull from remote 'origin' (${url}) failed`);
    expect(await t.client.versions.log.query({ flowId })).toEqual([v1]);
  });

  it('gives up on a remote that never answers, within the timeout', async () => {
    // A server that accepts connections and says nothing
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket)).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      await t.client.versions.commit.mutate({ flowId, message: 'v1' });
      await t.client.versions.setRemote.mutate({ url: `http://127.0.0.1:${port}/x.git` });
      const started = Date.now();
      expect(await failure(t.client.versions.push.mutate())).toEqual({
        code: 'TIMEOUT',
        message: `Push to remote 'origin' (http://127.0.0.1:${port}/x.git) timed out: the remote did not answer within 2 s. Nothing was lost: every version is kept here; push again when the remote is back.`,
      });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('pulls fast-forward into another server: added stopped, then updated', async () => {
    // Given server A pushing a flow with a running processor to a shared remote
    const remote = bareRemote();
    const { gen } = await buildPipeline(t, flowId);
    await t.client.processors.start.mutate({ flowId, ids: gen });
    await t.client.versions.commit.mutate({ flowId, message: 'v1' });
    await t.client.versions.setRemote.mutate({ url: remote });
    await t.client.versions.push.mutate();
    await t.client.processors.stop.mutate({ flowId, ids: gen });
    const b = await startServer();
    configureVersioning(b.workspace, { timeouts: { networkMs: 5000 } });
    try {
      // When server B pulls
      await b.client.versions.setRemote.mutate({ url: remote });
      const first = await b.client.versions.pull.mutate();
      // Then the flow is there, stopped
      expect(first).toMatchObject({
        pulled: 1,
        flows: [{ flowId, name: 'Versioned', change: 'added' }],
        warnings: [],
      });
      const pulled = await b.client.flows.get.query({ flowId });
      expect(pulled.flow.processors.map((p) => p.state)).toEqual(['STOPPED', 'STOPPED', 'STOPPED']);
      expect((await b.client.versions.status.query({ flowId })).uncommitted).toBe(false);

      // When A commits v2 and pushes, and B (running a processor: a run-state-only local
      // difference) pulls again
      await t.client.flows.rename.mutate({ flowId, name: 'Versioned v2' });
      await t.client.versions.commit.mutate({ flowId, message: 'v2' });
      await t.client.versions.push.mutate();
      await b.client.processors.start.mutate({ flowId, ids: gen });
      expect(await b.client.versions.pull.mutate()).toMatchObject({
        pulled: 1,
        flows: [{ flowId, name: 'Versioned v2', change: 'updated' }],
      });
      // Then B runs v2, its processor still running
      const updated = await b.client.flows.get.query({ flowId });
      expect(updated.flow.name).toBe('Versioned v2');
      expect(b.workspace.get(flowId)?.processors.get(gen)?.state).toBe('RUNNING');
      await b.client.processors.stop.mutate({ flowId, ids: gen });
      expect(await b.client.versions.pull.mutate()).toMatchObject({ pulled: 0, flows: [] });
    } finally {
      await b.dispose();
    }
  });

  it('refuses a pull over uncommitted changes, and one from a diverged history', async () => {
    const remote = bareRemote();
    await buildPipeline(t, flowId);
    await t.client.versions.commit.mutate({ flowId, message: 'v1' });
    await t.client.versions.setRemote.mutate({ url: remote });
    await t.client.versions.push.mutate();
    const b = await startServer();
    configureVersioning(b.workspace, { timeouts: { networkMs: 5000 } });
    try {
      await b.client.versions.setRemote.mutate({ url: remote });
      await b.client.versions.pull.mutate();
      await t.client.flows.rename.mutate({ flowId, name: 'From A' });
      await t.client.versions.commit.mutate({ flowId, message: 'A' });
      await t.client.versions.push.mutate();

      // When B has an uncommitted change to the same flow
      await b.client.flows.rename.mutate({ flowId, name: 'From B' });
      const refused = await failure(b.client.versions.pull.mutate());
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toBe(
        "Pull refused, nothing was changed here: flow 'From B' has uncommitted changes here; commit them (then push from here) or restore its latest version first.",
      );
      expect((await b.client.flows.get.query({ flowId })).flow.name).toBe('From B');

      // When B commits it instead, the histories have diverged
      await b.client.versions.commit.mutate({ flowId, message: 'B' });
      const diverged = await failure(b.client.versions.pull.mutate());
      expect(diverged.code).toBe('CONFLICT');
      expect(diverged.message).toContain(
        'the histories have diverged (1 version(s) here and 1 on the remote',
      );
      const rejected = await failure(b.client.versions.push.mutate());
      expect(rejected.code).toBe('CONFLICT');
      expect(rejected.message).toContain(
        'the remote has versions this server does not have. Pull first',
      );
      expect((await b.client.versions.log.query({ flowId })).map((v) => v.message)).toEqual([
        'B',
        'v1',
      ]);
    } finally {
      await b.dispose();
    }
  });
});
