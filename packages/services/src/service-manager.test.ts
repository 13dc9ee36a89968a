import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './process/free-port.js';
import { isAlive } from './process/service-process.js';
import { servicesDown, servicesUp } from './service-manager.js';
import { readServicesState } from './state/state-file.js';
import { testWorkDir } from './test-work-dir.js';

// What `npm run services:up -- sftp` and `services:down` do, in a private services directory and
// on a free port, so a developer's own `services:up` is left alone. (Kafka goes through the same
// code; its start is covered by kafka-server.test.ts.)
describe('servicesUp / servicesDown', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await testWorkDir('manager');
    process.env.SLUICE_SERVICES_DIR = dir;
  });

  afterAll(async () => {
    await servicesDown(['sftp']);
    delete process.env.SLUICE_SERVICES_DIR;
    await rm(dir, { recursive: true, force: true });
  });

  it('starts a service in the background, records it, and stops it again', async () => {
    // When sftp is brought up
    const port = await freePort();
    const [up] = await servicesUp(['sftp'], { sftp: { port } });
    if (up?.status !== 'started' || up.entry.kind !== 'sftp') {
      throw new Error(`expected sftp started, got ${JSON.stringify(up)}`);
    }
    const pid = up.entry.pid;

    // Then it runs, the state file has it, and a second up leaves it alone
    expect(isAlive(pid)).toBe(true);
    expect((await readServicesState()).sftp).toMatchObject({ pid, port });
    expect((await servicesUp(['sftp'], { sftp: { port } }))[0]?.status).toBe('already-running');

    // When it is brought down, the process is gone and so is its entry
    expect((await servicesDown(['sftp']))[0]?.status).toBe('stopped');
    expect(isAlive(pid)).toBe(false);
    expect((await readServicesState()).sftp).toBeUndefined();
    expect((await servicesDown(['sftp']))[0]?.status).toBe('not-running');
  });
});
