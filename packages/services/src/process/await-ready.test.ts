import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testWorkDir } from '../test-work-dir.js';
import { awaitReady, exitedDuringStart } from './await-ready.js';

describe('awaitReady', () => {
  it('resolves without stopping anything when the server becomes ready', async () => {
    let stops = 0;
    await awaitReady({
      what: 'Kafka on 127.0.0.1:1',
      ready: () => Promise.resolve(),
      stop: () => Promise.resolve(stops++),
      logFiles: [],
    });
    expect(stops).toBe(0);
  });

  it('stops the server and names it, the reason and the end of each log when it is not ready', async () => {
    // Given two logs and a stop that itself fails
    const dir = await testWorkDir('await-ready');
    const logs = [join(dir, 'a.log'), join(dir, 'b.log')];
    await writeFile(logs[0]!, 'first\nlast of a\n');
    await writeFile(logs[1]!, 'last of b\n');
    let stops = 0;

    const started = awaitReady({
      what: 'HDFS on http://127.0.0.1:1',
      ready: () => Promise.reject(new Error('the NameNode exited during start (code 1)')),
      stop: () => {
        stops++;
        return Promise.reject(new Error('stop failed too'));
      },
      logFiles: logs,
    });

    await expect(started).rejects.toMatchObject({
      code: 'not-ready',
      message:
        'HDFS on http://127.0.0.1:1 did not become ready: the NameNode exited during start (code 1)\n' +
        `Last lines of ${logs[0]}:\nfirst\nlast of a\nLast lines of ${logs[1]}:\nlast of b`,
    });
    expect(stops).toBe(1);
  });
});

describe('exitedDuringStart', () => {
  it('says nothing while the process runs and names it once it has exited', () => {
    const process = { exit: undefined as string | undefined };
    const reason = exitedDuringStart({ exitDescription: () => process.exit }, 'sshd');
    expect(reason()).toBeUndefined();
    process.exit = 'code 255';
    expect(reason()).toBe('sshd exited during start (code 255)');
  });
});
