/**
 * Sinks cases sftp: FetchSFTP against ssh2-sftp-client's `fastGet`, each fetching the same files
 * from the private SFTP server onto this disk, one file at a time over one connection. FetchSFTP
 * writes each file into the content repository on disk, so the raw side writes each to a local
 * file (not to a buffer). The files are written once per case by the runner; ListSFTP lists them
 * (run once, before the clock) into the queue in front of FetchSFTP.
 */
import { chmod, mkdir, readdir, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { SftpConnectionInfo, TestServicesInfo } from '@sluice/services';
import SftpClient from 'ssh2-sftp-client';
import type { SinkCase, SinkMeasurement, SinkRun } from './sinks-common.js';
import { runSluiceSink } from './sinks-engine.js';
import { makeTempDir, removeDir } from './support/temp-dir.js';
import { createRandomFile } from './w2-files.js';

/** A modification time well in the past, so no listing age rule holds a file back. */
const OLD = new Date('2024-01-02T03:04:05.000Z');

function sftpOf(services: TestServicesInfo): SftpConnectionInfo {
  if (!services.sftp) throw new Error('the sinks runner did not start the SFTP server');
  return services.sftp;
}

/** Where a case's input files are: the path the SFTP user sees, and the same place on this disk. */
export function sftpInput(
  services: TestServicesInfo,
  sinkCase: SinkCase,
): { remote: string; local: string } {
  const server = sftpOf(services);
  const name = `bench-sinks-${sinkCase.id}`;
  return { remote: `${server.remoteDir}/${name}`, local: path.join(server.localDir, name) };
}

const fileName = (i: number): string => `file-${String(i).padStart(5, '0')}.bin`;

/** Writes a case's random input files on the server's disk (the runner does, once per case). */
export async function prepareSftpInput(
  services: TestServicesInfo,
  sinkCase: SinkCase,
): Promise<void> {
  const { local } = sftpInput(services, sinkCase);
  await mkdir(local, { recursive: true });
  await chmod(local, 0o755);
  for (let i = 0; i < sinkCase.items; i++) {
    const file = path.join(local, fileName(i));
    await createRandomFile(file, sinkCase.itemBytes);
    await chmod(file, 0o644);
    await utimes(file, OLD, OLD);
  }
}

/** Removes a case's input files. */
export async function removeSftpInput(
  services: TestServicesInfo,
  sinkCase: SinkCase,
): Promise<void> {
  await removeDir(sftpInput(services, sinkCase).local);
}

async function bytesUnder(dir: string): Promise<{ files: number; bytes: number }> {
  const names = await readdir(dir);
  const sizes = await Promise.all(names.map(async (n) => (await stat(path.join(dir, n))).size));
  return { files: names.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

/** ListSFTP (run once) → FetchSFTP; the fetched content ends in the content repository. */
export async function sftpSluice(run: SinkRun): Promise<SinkMeasurement> {
  const { items, itemBytes } = run.sinkCase;
  const server = sftpOf(run.services);
  const { remote } = sftpInput(run.services, run.sinkCase);
  const outcome = await runSluiceSink(
    {
      source: { type: 'ListSFTP', properties: { sftp: 'service', remotePath: remote } },
      sink: { type: 'FetchSFTP', properties: { sftp: 'service' } },
      service: {
        type: 'StandardSftpConnectionService',
        properties: {
          hostname: server.host,
          port: String(server.port),
          username: server.username,
          password: server.password,
        },
      },
      done: ['success'],
      failed: ['comms.failure', 'not.found', 'permission.denied'],
    },
    items,
    { kind: 'run-once' },
  );
  const expected = items * itemBytes;
  const fetched = outcome.sink.bytesWritten;
  return {
    items: outcome.sink.inCount,
    bytes: fetched,
    elapsedMs: outcome.elapsedMs,
    verified: fetched === expected && outcome.failed === 0 && outcome.left === 0,
    check: `${fetched} of ${expected} bytes written to the content repository, ${outcome.failed} failed`,
    notes: {
      failed: outcome.failed,
      left: outcome.left,
      tasks: outcome.sink.tasks,
      taskMillis: outcome.sink.taskMillis,
      batching:
        'FetchSFTP: 10 flowfiles per session, streamed one after another over one pooled connection',
    },
  };
}

/** ssh2-sftp-client: one connection, `fastGet` of each file to a local file, one at a time. */
export async function sftpRaw(run: SinkRun): Promise<SinkMeasurement> {
  const { items, itemBytes } = run.sinkCase;
  const server = sftpOf(run.services);
  const { remote } = sftpInput(run.services, run.sinkCase);
  const out = await makeTempDir('sinks-sftp');
  const client = new SftpClient();
  try {
    const startedAt = performance.now();
    await client.connect({
      host: server.host,
      port: server.port,
      username: server.username,
      password: server.password,
    });
    for (let i = 0; i < items; i++) {
      await client.fastGet(`${remote}/${fileName(i)}`, path.join(out, fileName(i)));
    }
    const elapsedMs = performance.now() - startedAt;
    const written = await bytesUnder(out);
    const expected = items * itemBytes;
    return {
      items: written.files,
      bytes: written.bytes,
      elapsedMs,
      verified: written.files === items && written.bytes === expected,
      check: `${written.files} files, ${written.bytes} of ${expected} bytes on local disk`,
      notes: {
        batching:
          'fastGet (ssh2 defaults: 64 parallel reads of 32 KiB) per file, one file at a time',
      },
    };
  } finally {
    await client.end().catch(() => undefined);
    await removeDir(out);
  }
}
