import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './process/free-port.js';
import { isAlive, stopProcess } from './process/service-process.js';
import { isEntryRunning, servicesDown, servicesUp } from './service-manager.js';
import { readServicesState } from './state/state-file.js';
import { testWorkDir } from './test-work-dir.js';

// `npm run services:up -- hdfs` and `services:down` in a private services directory on free
// ports: HDFS is the one service with two processes in its state entry.
describe('servicesUp / servicesDown with HDFS', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await testWorkDir('manager-hdfs');
    process.env.SLUICE_SERVICES_DIR = dir;
  });

  afterAll(async () => {
    await servicesDown(['hdfs']);
    delete process.env.SLUICE_SERVICES_DIR;
    await rm(dir, { recursive: true, force: true });
  });

  it('records both JVMs, and down stops what is left of them', async () => {
    // When hdfs is brought up on free ports
    const ports = {
      namenodeRpcPort: await freePort(),
      namenodeHttpPort: await freePort(),
      datanodePort: await freePort(),
      datanodeHttpPort: await freePort(),
      datanodeIpcPort: await freePort(),
    };
    const [up] = await servicesUp(['hdfs'], { hdfs: ports });
    if (up?.status !== 'started' || up.entry.kind !== 'hdfs') {
      throw new Error(`expected hdfs started, got ${JSON.stringify(up)}`);
    }
    const { namenode, datanode } = up.entry.pids;

    // Then both JVMs run, the state file has both, and a second up leaves them alone
    expect(isAlive(namenode) && isAlive(datanode)).toBe(true);
    expect((await readServicesState()).hdfs).toMatchObject({
      pids: { namenode, datanode },
      webHdfsUrl: `http://127.0.0.1:${ports.namenodeHttpPort}`,
      ports,
    });
    expect((await servicesUp(['hdfs'], { hdfs: ports }))[0]?.status).toBe('already-running');

    // When the DataNode dies on its own, the cluster still counts as running
    await stopProcess(datanode, 0);
    expect(isEntryRunning(up.entry)).toBe(true);

    // And down stops the NameNode and forgets the entry
    expect((await servicesDown(['hdfs']))[0]?.status).toBe('stopped');
    expect(isAlive(namenode)).toBe(false);
    expect((await readServicesState()).hdfs).toBeUndefined();
    expect((await servicesDown(['hdfs']))[0]?.status).toBe('not-running');
  });
});
