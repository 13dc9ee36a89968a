import { stat } from 'node:fs/promises';
import { TestRunner } from '@sluice/engine';
import { describe, expect, it } from 'vitest';
import {
  eventually,
  later,
  remoteDir,
  sftpService,
  sharedSftp,
  startPrivateSftp,
  T,
  type RemoteDir,
} from '../test/support/sftp-fixtures.js';
import { closedAfterEach } from '../test/support/runners.js';
import { ListSFTP } from './list-sftp.js';
import { formatNiFiTimestamp } from './local-file-info.js';
import type { SftpConnectionService } from './services/sftp-connection-service.js';

const track = closedAfterEach();

async function runner(
  dir: RemoteDir,
  properties: Record<string, string> = {},
  definition = ListSFTP,
  server = sharedSftp(),
): Promise<TestRunner> {
  return track(
    await TestRunner.create(definition, {
      properties: { sftp: 'sftp', remotePath: dir.remote, ...properties },
      services: { sftp: sftpService(server) },
    }),
  );
}

/** Listed files as `<path relative to the test directory>/<filename>`. */
async function listed(run: TestRunner, dir: RemoteDir): Promise<string[]> {
  return (await run.flowFiles('success')).map(
    (f) => `${f.attributes['path']!.slice(dir.remote.length)}/${f.attributes['filename']}`,
  );
}

describe('ListSFTP', () => {
  it('lists the files of the Remote Path with NiFi’s attributes, no content and a CREATE event each', async () => {
    const server = sharedSftp();
    const dir = await remoteDir(server);
    const local = await dir.file('a.txt', 'some content');
    await dir.file('sub/inner.txt');
    const run = await runner(dir);

    await run.run();

    const [file, ...others] = await run.flowFiles('success');
    expect(others).toEqual([]);
    const owner = await stat(local);
    expect(file!.content.length).toBe(0);
    expect(file!.attributes).toMatchObject({
      filename: 'a.txt',
      path: dir.remote,
      'sftp.remote.host': '127.0.0.1',
      'sftp.remote.port': String(server.port),
      'sftp.listing.user': server.username,
      'file.owner': String(owner.uid),
      'file.group': String(owner.gid),
      'file.permissions': 'rw-r--r--',
      'file.size': '12',
      'file.lastModifiedTime': formatNiFiTimestamp(T.getTime()),
    });
    expect(file!.attributes['file.lastAccessTime']).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$/,
    );
    expect((await run.provenanceEvents()).map((e) => e.type)).toEqual(['CREATE']);
    expect(run.bulletins()).toEqual([]);
  });

  it('searches recursively, applying the File Filter Regex to names and the Path Filter Regex to directories', async () => {
    const dir = await remoteDir(sharedSftp());
    await dir.file('root.csv');
    await dir.file('root.txt');
    await dir.file('keep/a.csv');
    await dir.file('keep/deeper/b.csv');
    await dir.file('skip/c.csv');
    const run = await runner(dir, {
      searchRecursively: 'true',
      fileFilterRegex: '.*\\.csv',
      pathFilterRegex: 'keep(/.*)?',
    });

    await run.run();

    expect((await listed(run, dir)).sort()).toEqual([
      '/keep/a.csv',
      '/keep/deeper/b.csv',
      '/root.csv',
    ]);
  });

  it('skips dotted files and directories unless Ignore Dotted Files is false', async () => {
    const dir = await remoteDir(sharedSftp());
    await dir.file('.hidden');
    await dir.file('.secret/inside.txt');
    await dir.file('visible');
    const ignoring = await runner(dir, { searchRecursively: 'true' });
    const including = await runner(dir, { searchRecursively: 'true', ignoreDottedFiles: 'false' });

    await ignoring.run();
    await including.run();

    expect(await listed(ignoring, dir)).toEqual(['/visible']);
    expect((await listed(including, dir)).sort()).toEqual([
      '/.hidden',
      '/.secret/inside.txt',
      '/visible',
    ]);
  });

  it('holds back files younger than Minimum File Age and applies the other age and size filters', async () => {
    const dir = await remoteDir(sharedSftp());
    await dir.file('ancient.txt', 'x', new Date('2001-01-01T00:00:00Z'));
    await dir.file('settled.txt', 'x');
    await dir.file('fresh.txt', 'x', new Date());
    await dir.file('empty.txt', '');
    await dir.file('large.txt', 'x'.repeat(5000));
    const run = await runner(dir, {
      minimumFileAge: '1 hour',
      maximumFileAge: '3650 days',
      minimumFileSize: '1 B',
      maximumFileSize: '1 KB',
    });

    await run.run();

    expect(await listed(run, dir)).toEqual(['/settled.txt']);
  });

  it('lists only new and changed files on later runs, and a file with the same time as the last one', async () => {
    const dir = await remoteDir(sharedSftp());
    await dir.file('a.txt');
    await dir.file('b.txt', 'x', later(1));
    const run = await runner(dir);
    await run.run();
    await run.run();

    await dir.file('c.txt', 'x', later(1)); // same second as the newest listed
    await dir.file('a.txt', 'changed', later(60));
    await run.run();
    await run.run();

    expect(await listed(run, dir)).toEqual(['/a.txt', '/b.txt', '/c.txt', '/a.txt']);
    const state = run.state()!;
    expect(state['listing.timestamp']).toBe(String(later(60).getTime()));
    expect(Object.entries(state).filter(([key]) => key.startsWith('id.'))).toEqual([
      ['id.0', `${dir.remote}/a.txt`],
    ]);
  });

  it('lists the same files again when the session is rolled back before its commit', async () => {
    const dir = await remoteDir(sharedSftp());
    await dir.file('a.txt');
    await dir.file('b.txt', 'x', later(1));
    let crash = true;
    // The real ListSFTP, failing after it emitted its flowfiles and set its state.
    const crashing = {
      ...ListSFTP,
      async onTrigger(...args: Parameters<typeof ListSFTP.onTrigger>) {
        await ListSFTP.onTrigger(...args);
        if (crash) throw new Error('crash before the commit');
      },
    };
    const run = await runner(dir, {}, crashing);

    await run.run();
    expect(await run.flowFiles('success')).toEqual([]);
    expect(run.state()).toBeUndefined();

    crash = false;
    await run.run();
    expect(await listed(run, dir)).toEqual(['/a.txt', '/b.txt']);
  });

  it('yields with a bulletin naming the Remote Path when it does not exist', async () => {
    const dir = await remoteDir(sharedSftp());
    const run = await runner(dir, { remotePath: `${dir.remote}/missing` });

    await run.run();

    expect(await run.flowFiles('success')).toEqual([]);
    expect(run.bulletins().map((b) => b.message)).toEqual([
      expect.stringContaining(`Remote Path ${dir.remote}/missing on sluice-sftp@127.0.0.1:`),
    ]);
    expect(run.bulletins()[0]!.message).toContain('does not exist');
  });

  it('emits nothing and keeps its state when the server is down, with a bulletin saying so', async () => {
    const privateSftp = await startPrivateSftp();
    try {
      const dir = await remoteDir(privateSftp.server);
      await dir.file('a.txt');
      const run = await runner(dir, {}, ListSFTP, privateSftp.server);
      await run.run();
      const committed = run.state();
      expect(committed).toBeDefined();

      await privateSftp.down();
      const service = run.engine.controllerServices
        .get('sftp')!
        .instance() as SftpConnectionService;
      await eventually('the pool dropped its broken connection', () => service.stats().open === 0);
      await dir.file('b.txt', 'x', later(5));
      await run.run();

      expect(await listed(run, dir)).toEqual(['/a.txt']);
      expect(run.state()).toEqual(committed);
      const messages = run.bulletins().map((b) => b.message);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/^SFTP server at 127\.0\.0\.1:\d+ refused the connection/);
    } finally {
      await privateSftp.stop();
    }
  });
});
