import { randomUUID } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlowFile } from '../flowfile/flowfile.js';
import { removeIfExists } from './durable-files.js';
import { readFramedFile, writeFramedFile } from './framed-file.js';
import { RepositoryError } from './repository-error.js';
import { decodeJsonPayload } from './record-framing.js';
import { decodeFlowFile } from './wal-codec.js';
import type { SwapFileSummary, WalOperation } from './wal-operation.js';
import { decodeWalRecord, encodeWalRecord, WAL_RECORD_VERSION } from './wal-record.js';

const FORMAT = 'sluice-swap';
const FLOWFILES_PER_FRAME = 1000;
const SWAP_FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.swap$/;

/**
 * The swap directory of the flowfile repository: one file per swapped-out batch of a queue.
 * Names are random so two queues, or a file left by a crash, can never collide.
 */
export class SwapFileStore {
  constructor(readonly dir: string) {}

  /** Creates the directory. */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  /** Writes `flowFiles` durably (temp + fsync + rename) and returns their summary. */
  async write(queue: string, flowFiles: readonly FlowFile[]): Promise<SwapFileSummary> {
    const file = `${randomUUID()}.swap`;
    const claimReferences: Record<string, number> = {};
    let bytes = 0;
    let firstQueueOrder: number | undefined;
    for (const flowFile of flowFiles) {
      bytes += flowFile.size;
      if (flowFile.queueOrder !== undefined) {
        firstQueueOrder = Math.min(firstQueueOrder ?? flowFile.queueOrder, flowFile.queueOrder);
      }
      if (flowFile.claim !== null) {
        const name = flowFile.claim.file;
        claimReferences[name] = (claimReferences[name] ?? 0) + 1;
      }
    }
    await writeFramedFile(
      join(this.dir, file),
      this.dir,
      { format: FORMAT, version: 2, queue, count: flowFiles.length },
      batches(queue, flowFiles),
    );
    return {
      file,
      queue,
      count: flowFiles.length,
      bytes,
      ...(firstQueueOrder === undefined ? {} : { firstQueueOrder }),
      claimReferences,
    };
  }

  /** Reads back the flowfiles of a swap file, in the order they were written. */
  async read(summary: SwapFileSummary): Promise<FlowFile[]> {
    const path = this.pathOf(summary.file);
    const flowFiles: FlowFile[] = [];
    const header = await readFramedFile(path, FORMAT, [1, 2], (payload) => {
      if (payload[0] === WAL_RECORD_VERSION) {
        // Version 2: a binary record of puts into the queue.
        for (const operation of decodeWalRecord(payload)) {
          if (operation.op !== 'put')
            throw new Error('a swap record holds an operation other than put');
          flowFiles.push(operation.flowFile);
        }
        return;
      }
      const body = decodeJsonPayload(payload);
      if (!Array.isArray(body)) throw new Error('a swap record is not an array of flowfiles');
      for (const tuple of body) flowFiles.push(decodeFlowFile(tuple));
    });
    if (header['count'] !== flowFiles.length || header['queue'] !== summary.queue) {
      throw new RepositoryError(
        'CORRUPT_RECORD',
        `${path}: holds ${flowFiles.length} flowfiles of queue ${String(header['queue'])}, ` +
          `expected ${summary.count} of ${summary.queue}`,
        { file: path },
      );
    }
    return flowFiles;
  }

  /** Deletes a swap file; one already gone is not an error. */
  async delete(file: string): Promise<void> {
    await removeIfExists(this.pathOf(file));
  }

  /**
   * Deletes every swap file no summary references (written before a crash that came ahead of
   * its swapOut commit, or swapped in before a crash that came ahead of its deletion) and every
   * temp file. Returns the names of the deleted swap files.
   */
  async deleteUnreferenced(referenced: ReadonlySet<string>): Promise<string[]> {
    const deleted: string[] = [];
    for (const name of await readdir(this.dir)) {
      if (name.endsWith('.tmp')) {
        await removeIfExists(join(this.dir, name));
      } else if (SWAP_FILE_NAME.test(name) && !referenced.has(name)) {
        await removeIfExists(join(this.dir, name));
        deleted.push(name);
      }
    }
    return deleted;
  }

  private pathOf(file: string): string {
    // Names come from summaries in the log; refusing anything else keeps a damaged or
    // hand-edited record from reading or deleting files outside the swap directory.
    if (!SWAP_FILE_NAME.test(file)) {
      throw new RepositoryError(
        'INVALID_FILE_NAME',
        `not a swap file name: ${JSON.stringify(file)}`,
      );
    }
    return join(this.dir, file);
  }
}

/** Frames of up to 1,000 flowfiles, each a binary record of puts (version 2). */
function* batches(queue: string, flowFiles: readonly FlowFile[]): Generator<Buffer> {
  for (let start = 0; start < flowFiles.length; start += FLOWFILES_PER_FRAME) {
    const end = Math.min(start + FLOWFILES_PER_FRAME, flowFiles.length);
    const puts: WalOperation[] = [];
    for (let i = start; i < end; i++) puts.push({ op: 'put', queue, flowFile: flowFiles[i]! });
    yield encodeWalRecord(puts);
  }
}
