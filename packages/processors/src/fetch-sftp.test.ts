import { randomBytes } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { TestRunner } from '@sluice/engine';
import { freePort } from '@sluice/services';
import { describe, expect, it } from 'vitest';
import {
  eventually,
  remoteDir,
  sftpService,
  sharedSftp,
  type RemoteDir,
} from '../test/support/sftp-fixtures.js';
import { closedAfterEach } from '../test/support/runners.js';
import { startTcpRelay } from '../test/support/tcp-relay.js';
import { FetchSFTP } from './fetch-sftp.js';

const track = closedAfterEach();

async function runner(
  properties: Record<string, string> = {},
  service: Record<string, string> = {},
): Promise<TestRunner> {
  return track(
    await TestRunner.create(FetchSFTP, {
      properties: { sftp: 'sftp', ...properties },
      services: { sftp: sftpService(sharedSftp(), service) },
    }),
  );
}

/** Queues a flowfile as ListSFTP would have emitted it for `name` in `dir`. */
async function enqueueListed(run: TestRunner, dir: RemoteDir, name: string): Promise<void> {
  await run.enqueue('listed, not fetched', { path: dir.remote, filename: name, keep: 'me' });
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(
    () => true,
    () => false,
  );
}

const KOREAN_NAME = '한국어 보고서 "초안".txt';
const KOREAN_CONTENT =
  '제목:\t"분기 보고서"\n본문: 안녕하세요, \'세계\'!\r\n경로: C:\\데이터\\파일\\n은 줄바꿈이 아닙니다\n\t들여쓰기 끝 \\\n';

describe('FetchSFTP', () => {
  it('streams a binary file byte for byte, with NiFi’s attributes and a FETCH event', async () => {
    const server = sharedSftp();
    const dir = await remoteDir(server);
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    await dir.file('data.bin', bytes);
    const run = await runner();
    await enqueueListed(run, dir, 'data.bin');

    await run.run();

    const [fetched] = await run.flowFiles('success');
    expect(fetched!.content.equals(bytes)).toBe(true);
    expect(fetched!.attributes).toMatchObject({
      filename: 'data.bin',
      path: dir.remote,
      keep: 'me',
      'sftp.remote.host': '127.0.0.1',
      'sftp.remote.port': String(server.port),
      'sftp.remote.filename': `${dir.remote}/data.bin`,
    });
    const fetches = (await run.provenanceEvents()).filter((e) => e.type === 'FETCH');
    expect(fetches.map((e) => e.transitUri)).toEqual([
      `sftp://127.0.0.1:${server.port}${dir.remote}/data.bin`,
    ]);
    expect(JSON.stringify(await run.provenanceEvents())).not.toContain(server.password);
    expect(run.bulletins()).toEqual([]);
  });

  it('fetches a Korean-named file with Korean, quotes, tabs and backslashes intact', async () => {
    const server = sharedSftp();
    const dir = await remoteDir(server);
    await dir.file(KOREAN_NAME, KOREAN_CONTENT);
    const run = await runner();
    await enqueueListed(run, dir, KOREAN_NAME);

    await run.run();

    const [fetched] = await run.flowFiles('success');
    expect(fetched!.content.equals(Buffer.from(KOREAN_CONTENT, 'utf8'))).toBe(true);
    expect(fetched!.attributes['filename']).toBe(KOREAN_NAME);
    const [event] = (await run.provenanceEvents()).filter((e) => e.type === 'FETCH');
    expect(event!.transitUri).toBe(
      `sftp://127.0.0.1:${server.port}${dir.remote}/${encodeURIComponent(KOREAN_NAME)}`,
    );
    expect(decodeURIComponent(new URL(event!.transitUri!).pathname)).toBe(
      `${dir.remote}/${KOREAN_NAME}`,
    );
  });

  it('fetches the file a Remote File expression names', async () => {
    const dir = await remoteDir(sharedSftp());
    await dir.file('nested/b.txt', 'bee');
    const run = await runner({ remoteFile: '${folder}/nested/${name}' });
    await run.enqueue('', { folder: dir.remote, name: 'b.txt' });

    await run.run();

    const [fetched] = await run.flowFiles('success');
    expect(fetched!.text).toBe('bee');
    expect(fetched!.attributes).toMatchObject({ filename: 'b.txt', path: `${dir.remote}/nested` });
  });

  it('moves the fetched file into the Move Destination Directory, creating it when asked', async () => {
    const dir = await remoteDir(sharedSftp());
    const original = await dir.file('move-me.txt', 'moving');
    const run = await runner({
      completionStrategy: 'Move File',
      moveDestinationDirectory: '${path}/done/${keep}',
      createDirectory: 'true',
    });
    await enqueueListed(run, dir, 'move-me.txt');

    await run.run();

    expect((await run.flowFiles('success')).map((f) => f.text)).toEqual(['moving']);
    expect(await exists(original)).toBe(false);
    expect(await readFile(path.join(dir.local, 'done', 'me', 'move-me.txt'), 'utf8')).toBe(
      'moving',
    );
    expect(run.bulletins()).toEqual([]);
  });

  it('deletes the fetched file with Delete File', async () => {
    const dir = await remoteDir(sharedSftp());
    const original = await dir.file('delete-me.txt', 'gone');
    const run = await runner({ completionStrategy: 'Delete File' });
    await enqueueListed(run, dir, 'delete-me.txt');

    await run.run();

    expect((await run.flowFiles('success')).map((f) => f.text)).toEqual(['gone']);
    expect(await exists(original)).toBe(false);
  });

  it('still routes to success, with a warning, when the completion strategy fails', async () => {
    const dir = await remoteDir(sharedSftp());
    const original = await dir.file('stay.txt', 'kept');
    const run = await runner({
      completionStrategy: 'Move File',
      moveDestinationDirectory: `${dir.remote}/no-such-dir`,
    });
    await enqueueListed(run, dir, 'stay.txt');

    await run.run();

    expect((await run.flowFiles('success')).map((f) => f.text)).toEqual(['kept']);
    expect(await exists(original)).toBe(true);
    const bulletins = run.bulletins();
    expect(bulletins.map((b) => b.level)).toEqual(['WARN']);
    expect(bulletins[0]!.message).toContain(
      `but failed to perform the Completion Strategy Move File`,
    );
  });

  it('is invalid with Move File but no Move Destination Directory', async () => {
    const run = await runner({ completionStrategy: 'Move File' });

    expect(run.validationErrors()).toEqual([
      "moveDestinationDirectory: 'Move Destination Directory' is required when 'Completion Strategy' is 'Move File'",
    ]);
  });

  it('routes a missing file to not.found, penalized, with its content untouched', async () => {
    const dir = await remoteDir(sharedSftp());
    const run = await runner();
    await enqueueListed(run, dir, 'missing.txt');

    await run.run();

    const [missing] = await run.flowFiles('not.found');
    expect(missing!.text).toBe('listed, not fetched');
    expect(missing!.flowFile.penalizedUntil).toBeGreaterThan(0);
    expect(run.bulletins().map((b) => b.message)).toEqual([
      expect.stringContaining('because the file could not be found on the remote system'),
    ]);
  });

  it('routes a file the login may not read to permission.denied', async () => {
    const dir = await remoteDir(sharedSftp());
    const locked = await dir.file('locked.txt', 'secret');
    await chmod(locked, 0o000);
    const run = await runner();
    await enqueueListed(run, dir, 'locked.txt');

    await run.run();

    expect((await run.flowFiles('permission.denied')).map((f) => f.attributes['filename'])).toEqual(
      ['locked.txt'],
    );
    expect(await run.flowFiles('success')).toEqual([]);
    expect(run.bulletins()[0]!.message).toContain('due to insufficient permissions');
  });

  it('fetches the good files of a batch and routes only the bad ones', async () => {
    const dir = await remoteDir(sharedSftp());
    await dir.file('one.txt', '1');
    await dir.file('three.txt', '3');
    const run = await runner();
    await enqueueListed(run, dir, 'one.txt');
    await enqueueListed(run, dir, 'two.txt');
    await enqueueListed(run, dir, 'three.txt');

    await run.run();

    expect((await run.flowFiles('success')).map((f) => f.text)).toEqual(['1', '3']);
    expect((await run.flowFiles('not.found')).map((f) => f.attributes['filename'])).toEqual([
      'two.txt',
    ]);
  });

  it('routes to comms.failure when the login is rejected, naming the login but never the password', async () => {
    const server = sharedSftp();
    const dir = await remoteDir(server);
    await dir.file('a.txt', 'content');
    const wrong = 'not-the-password-4711';
    const run = await runner({}, { password: wrong });
    await enqueueListed(run, dir, 'a.txt');

    await run.run();

    const [failed] = await run.flowFiles('comms.failure');
    expect(failed!.text).toBe('listed, not fetched');
    expect(failed!.attributes).toEqual({
      ...failed!.attributes,
      path: dir.remote,
      filename: 'a.txt',
      keep: 'me',
    });
    expect(failed!.flowFile.penalizedUntil).toBeGreaterThan(0);
    const messages = run.bulletins().map((b) => b.message);
    expect(messages).toEqual([
      expect.stringContaining(
        `SFTP login to sluice-sftp@127.0.0.1:${server.port} failed: authentication rejected`,
      ),
    ]);
    expect(JSON.stringify({ messages, attributes: failed!.attributes })).not.toContain(wrong);
    expect(await exists(path.join(dir.local, 'a.txt'))).toBe(true);
  });

  it('gives up on a server that stops answering mid-transfer after the Data Timeout, losing nothing, and then fetches over a new connection', async () => {
    // given a 3 MiB file, reached through a relay that will hold the server's bytes after 1 MiB
    const server = sharedSftp();
    const dir = await remoteDir(server);
    const content = randomBytes(3 * 1024 * 1024);
    await dir.file('big.bin', content);
    const relay = await startTcpRelay(server.port);
    try {
      const run = await runner({}, { port: String(relay.port), dataTimeout: '1 sec' });
      await enqueueListed(run, dir, 'big.bin');
      relay.freezeAfter(1024 * 1024);

      // when the server goes silent mid-file
      const started = Date.now();
      await run.run();

      // then the task ended soon after the Data Timeout, the flowfile waits in the input queue,
      // the bulletin says why, and the silent connection was closed
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(await run.flowFiles('success')).toEqual([]);
      expect(run.inputQueueSize()).toBe(1);
      expect(run.bulletins().map((b) => b.message)).toContainEqual(
        expect.stringMatching(
          /^Could not fetch from the SFTP server at 127\.0\.0\.1:\d+: The SFTP server sent nothing .* within the Data Timeout of 1000 ms; the connection was closed; the session was rolled back/,
        ),
      );
      await eventually('the silent connection is closed', () => relay.closedByClient === 1);

      // when the server answers again, after the processor's yield
      relay.thaw();
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await run.run();

      // then the file arrives whole over a new connection
      const [fetched] = await run.flowFiles('success');
      expect(fetched?.content.equals(content)).toBe(true);
    } finally {
      await relay.close();
    }
  });

  it('keeps the flowfiles in its input queue, and says so, while nothing listens on the port', async () => {
    // Given two listed files on a server that is down (nothing listens on its port)
    const dir = await remoteDir(sharedSftp());
    const port = await freePort();
    const run = await runner({}, { port: String(port) });
    await enqueueListed(run, dir, 'a.txt');
    await enqueueListed(run, dir, 'b.txt');

    // When it runs
    await run.run();

    // Then nothing is routed anywhere: both wait in the input queue for the server to come back
    for (const relationship of ['success', 'comms.failure', 'not.found', 'permission.denied']) {
      expect(await run.flowFiles(relationship), relationship).toEqual([]);
    }
    expect(run.inputQueueSize()).toBe(2);
    expect(run.bulletins().map((b) => [b.level, b.message])).toEqual([
      [
        'ERROR',
        `Could not fetch from the SFTP server at 127.0.0.1:${port}: SFTP server at 127.0.0.1:${port} refused the connection; the session was rolled back, so the 2 flowfiles stay in the input queue, and the processor yields`,
      ],
    ]);
  });
});
