/**
 * Sinks cases hdfs: PutHDFS against WebHDFS done directly with node:http, each writing the same
 * number of files of random bytes into a fresh HDFS directory, one file at a time. The raw side is
 * the protocol's plain two-step CREATE (PUT to the NameNode, which redirects; PUT of the bytes to
 * the DataNode it named) over keep-alive connections. PutHDFS does what NiFi's does on top:
 * checks the directory and the target (two GETFILESTATUS), writes `.<name>` and renames it.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request, type IncomingMessage } from 'node:http';
import { WebHdfsClient } from '@sluice/webhdfs';
import type { SinkMeasurement, SinkRun } from './sinks-common.js';
import { generateBatch, runSluiceSink } from './sinks-engine.js';

/** The HDFS user both sides act as (the test cluster runs without permission checks). */
const USER = 'sluice-bench';

function urlOf(run: SinkRun): string {
  const url = run.services.hdfs?.webHdfsUrl;
  if (!url) throw new Error('the sinks runner did not start HDFS');
  return url;
}

/** Files and bytes in the run's directory (dot files excluded); the directory is deleted after. */
async function countAndDrop(
  run: SinkRun,
  directory: string,
): Promise<{ files: number; bytes: number }> {
  const client = new WebHdfsClient({ url: urlOf(run), user: USER });
  const listed = (await client.listStatus(directory)).filter(
    (s) => s.type === 'FILE' && !s.pathSuffix.startsWith('.'),
  );
  await client.delete(directory, { recursive: true });
  return { files: listed.length, bytes: listed.reduce((sum, s) => sum + s.length, 0) };
}

function verdict(
  expectedFiles: number,
  expectedBytes: number,
  found: { files: number; bytes: number },
): Pick<SinkMeasurement, 'verified' | 'check'> {
  return {
    verified: found.files === expectedFiles && found.bytes === expectedBytes,
    check: `${found.files} of ${expectedFiles} files, ${found.bytes} of ${expectedBytes} bytes in HDFS`,
  };
}

/** PutHDFS (defaults: write and rename, conflict fail) fed by a pre-filled queue of random files. */
export async function hdfsSluice(run: SinkRun): Promise<SinkMeasurement> {
  const { items, itemBytes } = run.sinkCase;
  const directory = `/bench-sinks/sluice-${run.tag}`;
  const batch = generateBatch(items);
  const outcome = await runSluiceSink(
    {
      source: {
        type: 'GenerateFlowFile',
        properties: {
          fileSize: `${itemBytes} B`,
          batchSize: String(batch),
          dataFormat: 'Binary',
          uniqueFlowFiles: 'true',
        },
      },
      sink: { type: 'PutHDFS', properties: { hdfsConnectionService: 'service', directory } },
      service: {
        type: 'StandardHdfsConnectionService',
        properties: { webHdfsUrl: urlOf(run), user: USER },
      },
      done: ['success'],
      failed: ['failure'],
    },
    items,
    { kind: 'generate', batch },
  );
  const found = await countAndDrop(run, directory);
  return {
    items: outcome.sink.inCount,
    bytes: outcome.sink.inBytes,
    elapsedMs: outcome.elapsedMs,
    ...verdict(items, items * itemBytes, found),
    notes: {
      failed: outcome.failed,
      left: outcome.left,
      tasks: outcome.sink.tasks,
      taskMillis: outcome.sink.taskMillis,
      batching:
        'PutHDFS: one flowfile per session; the directory checked once, the target checked beside the upload of a file up to 1 MiB (before it above), CREATE (2 steps) + RENAME per file',
    },
  };
}

/** A PUT with an optional body; resolves with the answer, its body read. */
function put(
  url: string,
  agent: Agent,
  body?: Buffer,
): Promise<{ status: number; location: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'PUT',
        agent,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(body?.length ?? 0),
        },
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** WebHDFS's two-step CREATE of one file, refusing to overwrite. */
async function create(base: string, agent: Agent, file: string, body: Buffer): Promise<void> {
  const nameNode = `${base}/webhdfs/v1${file}?op=CREATE&overwrite=false&user.name=${USER}`;
  const redirect = await put(nameNode, agent);
  if (redirect.status !== 307 || !redirect.location)
    throw new Error(
      `NameNode ${base} answered CREATE ${file} with ${redirect.status}: ${redirect.text}`,
    );
  const written = await put(redirect.location, agent, body);
  if (written.status !== 201)
    throw new Error(`DataNode answered CREATE ${file} with ${written.status}: ${written.text}`);
}

/** node:http two-step CREATE of each file, one after another, over keep-alive connections. */
export async function hdfsRaw(run: SinkRun): Promise<SinkMeasurement> {
  const { items, itemBytes } = run.sinkCase;
  const directory = `/bench-sinks/raw-${run.tag}`;
  const base = new URL(urlOf(run)).origin;
  // Random bytes held in memory, made before the clock (Sluice's are in its content repository).
  const bodies = Array.from({ length: items }, () => randomBytes(itemBytes));
  const agent = new Agent({ keepAlive: true });
  try {
    const startedAt = performance.now();
    for (let i = 0; i < items; i++) {
      await create(base, agent, `${directory}/file-${String(i).padStart(5, '0')}.bin`, bodies[i]!);
    }
    const elapsedMs = performance.now() - startedAt;
    const found = await countAndDrop(run, directory);
    return {
      items,
      bytes: items * itemBytes,
      elapsedMs,
      ...verdict(items, items * itemBytes, found),
      notes: {
        batching:
          'one file at a time: PUT ?op=CREATE to the NameNode, PUT of the bytes to the DataNode',
      },
    };
  } finally {
    agent.destroy();
  }
}
