import {
  defineProcessor,
  prop,
  type FlowFile,
  type ProcessContext,
  type ProcessSession,
} from '@sluice/engine';
import { parseDataSize } from '@sluice/flow-schema';
import { WebHdfsError } from '@sluice/webhdfs';
import {
  filePermissionUnder,
  hdfsChild,
  hdfsDirectory,
  hdfsFileNameProblem,
  parseUmask,
} from './hdfs/hdfs-paths.js';
import {
  DirectoryCache,
  HdfsWriteError,
  writeToHdfs,
  type ConflictStrategy,
  type HdfsWrite,
  type NewFileOptions,
  type WriteOutcome,
} from './hdfs/hdfs-write.js';
import {
  HdfsConnectionServiceApi,
  type HdfsConnectionService,
} from './services/hdfs-connection-service.js';
import { classifyHdfsFailure } from './services/hdfs-errors.js';
import { messageOf } from './support/file-errors.js';
import { KeyedLock } from './support/keyed-lock.js';

/** Why a flowfile went to failure (Sluice's; NiFi's PutHDFS only logs it). */
export const PUT_HDFS_FAILURE_ATTRIBUTE = 'puthdfs.failure.reason';

/** NiFi's attributes on success. */
export const ABSOLUTE_HDFS_PATH_ATTRIBUTE = 'absolute.hdfs.path';
export const HADOOP_FILE_URL_ATTRIBUTE = 'hadoop.file.url';
export const TARGET_DIR_CREATED_ATTRIBUTE = 'target.dir.created';

/** HDFS's defaults for the smallest block (dfs.namenode.fs-limits.min-block-size) and its checksum chunk (dfs.bytes-per-checksum). */
const MIN_BLOCK_SIZE = 1024 * 1024;
const BYTES_PER_CHECKSUM = 512;
/** HDFS's default dfs.replication.max. */
const MAX_REPLICATION = 512;

/** Why HDFS would refuse this block size, or undefined. */
function blockSizeProblem(bytes: number): string | undefined {
  if (bytes < MIN_BLOCK_SIZE) return `is ${bytes} bytes, less than HDFS's minimum of 1 MB`;
  if (bytes % BYTES_PER_CHECKSUM !== 0)
    return `is ${bytes} bytes, not a multiple of HDFS's checksum chunk of ${BYTES_PER_CHECKSUM} bytes`;
  return undefined;
}

const properties = {
  hdfsConnectionService: prop.service({
    name: 'HDFS Connection Service',
    description:
      "The HDFS connection service that provides the cluster's WebHDFS URL, the user and timeouts (NiFi configures Hadoop on the processor instead)",
    required: true,
    api: HdfsConnectionServiceApi,
  }),
  directory: prop.string({
    name: 'Directory',
    description:
      "The parent HDFS directory to which files should be written. The directory will be created if it doesn't exist.",
    required: true,
    el: 'flowfile',
  }),
  conflictResolutionStrategy: prop.choice({
    name: 'Conflict Resolution Strategy',
    description:
      'Indicates what should happen when a file with the same name already exists in the output directory',
    values: [
      { value: 'replace', description: 'Replaces the existing file if any.' },
      { value: 'ignore', description: 'Ignores the flow file and routes it to success.' },
      { value: 'fail', description: 'Penalizes the flow file and routes it to failure.' },
      {
        value: 'append',
        description: 'Appends to the existing file if any, creates a new file otherwise.',
      },
    ],
    default: 'fail',
  }),
  writingStrategy: prop.choice({
    name: 'Writing Strategy',
    description: 'Defines the approach for writing the FlowFile data.',
    values: [
      {
        value: 'writeAndRename',
        displayName: 'Write and rename',
        description:
          'The processor writes FlowFile data into a temporary file (the file name with a leading dot, in the same directory) and renames it after completion. This prevents other processes from reading partially written files.',
      },
      {
        value: 'simpleWrite',
        displayName: 'Simple write',
        description:
          'The processor writes FlowFile data directly to the destination file. In some cases this might cause reading partially written files.',
      },
    ],
    default: 'writeAndRename',
  }),
  blockSize: prop.dataSize({
    name: 'Block Size',
    description:
      "Size of each block as written to HDFS. This overrides the Hadoop Configuration (dfs.blocksize) for the files this processor creates. At least 1 MB and a multiple of 512 bytes (HDFS's dfs.namenode.fs-limits.min-block-size and dfs.bytes-per-checksum defaults).",
    validate: (value) => {
      // Called once the value parsed as a data size.
      return blockSizeProblem(parseDataSize(value));
    },
  }),
  replication: prop.integer({
    name: 'Replication',
    description: `Number of times that HDFS will replicate each file. This overrides the Hadoop Configuration (dfs.replication) for the files this processor creates; at most ${MAX_REPLICATION} (HDFS's dfs.replication.max default).`,
    min: 1,
    max: MAX_REPLICATION,
  }),
  umask: prop.string({
    name: 'Permissions umask',
    description:
      'A umask represented as an octal number which determines the permissions of files written to HDFS (666 less the umask, e.g. 022 gives 644). When empty, HDFS applies its fs.permissions.umask-mode (022 by default). Directories the processor creates get HDFS’s default permissions.',
    validate: (value) =>
      parseUmask(value) === undefined
        ? `is not an octal umask from 000 to 777 ('${value}')`
        : undefined,
  }),
  remoteOwner: prop.string({
    name: 'Remote Owner',
    description:
      "Changes the owner of the HDFS file to this value after it is written. This only works if the connection service's User is HDFS's superuser (or HDFS runs without permission checks); when HDFS refuses, the file stays as written, owned by that User, and a warning says why, as in NiFi.",
    el: 'flowfile',
  }),
  remoteGroup: prop.string({
    name: 'Remote Group',
    description:
      "Changes the group of the HDFS file to this value after it is written. This only works if the connection service's User is HDFS's superuser (or HDFS runs without permission checks); when HDFS refuses, the file keeps its group, and a warning says why, as in NiFi.",
    el: 'flowfile',
  }),
  compressionCodec: prop.choice({
    name: 'Compression codec',
    description:
      "Compression of the written files. Only NONE is supported: the content is written as it is (NiFi's DEFAULT, BZIP, GZIP, LZ4, LZO, SNAPPY and AUTOMATIC codecs are not available; compress upstream with CompressContent instead).",
    values: ['NONE'],
    default: 'NONE',
  }),
} as const;

type Context = ProcessContext<typeof properties>;

/** Where one flowfile goes, or why it cannot go anywhere. */
type Placement =
  | { readonly ok: true; readonly directory: string; readonly filename: string }
  | { readonly ok: false; readonly reason: string };

function placementOf(ctx: Context, flowFile: FlowFile): Placement {
  let directoryValue: string;
  try {
    directoryValue = ctx.requiredProperty('directory', flowFile);
  } catch (error) {
    return { ok: false, reason: `Could not evaluate the Directory: ${messageOf(error)}` };
  }
  const directory = hdfsDirectory(directoryValue);
  if (!directory.ok) return directory;
  const filename = flowFile.attributes['filename'] ?? flowFile.id;
  const problem = hdfsFileNameProblem(filename);
  if (problem)
    return { ok: false, reason: `Cannot write the filename '${filename}': it ${problem}` };
  return { ok: true, directory: directory.path, filename };
}

/** How new files are made: the permission under the umask, block size and replication, each when set. */
function newFileOf(ctx: Context): NewFileOptions {
  const text = ctx.property('umask')?.trim();
  const umask = text ? parseUmask(text) : undefined;
  const blockSize = ctx.property('blockSize');
  const replication = ctx.property('replication');
  return {
    ...(umask !== undefined && { permission: filePermissionUnder(umask) }),
    ...(blockSize !== undefined && { blockSize }),
    ...(replication !== undefined && { replication }),
  };
}

/** What a successful write adds to the flowfile and tells provenance. */
function recordSuccess(
  ctx: Context,
  session: ProcessSession,
  hdfs: HdfsConnectionService,
  flowFile: FlowFile,
  target: string,
  directory: string,
  outcome: Extract<WriteOutcome, { kind: 'written' }>,
): void {
  const fileUrl = hdfs.fileUrl(target);
  const written = session.putAllAttributes(flowFile, {
    [ABSOLUTE_HDFS_PATH_ATTRIBUTE]: directory,
    [HADOOP_FILE_URL_ATTRIBUTE]: fileUrl,
    [TARGET_DIR_CREATED_ATTRIBUTE]: String(outcome.directoryCreated),
  });
  const how =
    outcome.method === 'renamed'
      ? `Wrote ${outcome.via}, then renamed it to ${target}`
      : outcome.method === 'appended'
        ? `Appended to ${target}`
        : `Wrote ${target}`;
  ctx.log.info(`Copied ${flowFile.id} to HDFS at ${hdfs.url}: ${how}`);
  session.provenance.send(written, fileUrl, how);
  session.transfer(written, 'success');
}

/**
 * Gives the written file the Remote Owner and Remote Group, when set. As NiFi, a refusal (HDFS
 * allows it to its superuser only) leaves the file as written, with a warning: the data is there.
 */
async function changeOwner(
  ctx: Context,
  hdfs: HdfsConnectionService,
  flowFile: FlowFile,
  target: string,
): Promise<void> {
  let owner: string | undefined;
  let group: string | undefined;
  try {
    owner = ctx.property('remoteOwner', flowFile)?.trim() || undefined;
    group = ctx.property('remoteGroup', flowFile)?.trim() || undefined;
  } catch (error) {
    ctx.log.warn(
      `Could not evaluate the Remote Owner or Remote Group for ${target}: ${messageOf(error)}; the file keeps its owner and group`,
      flowFile,
    );
    return;
  }
  if (owner === undefined && group === undefined) return;
  try {
    await hdfs.client.setOwner(target, {
      ...(owner !== undefined && { owner }),
      ...(group !== undefined && { group }),
      signal: ctx.signal,
    });
  } catch (error) {
    ctx.log.warn(
      `Could not change the owner or group of ${target} in HDFS at ${hdfs.url} to ${owner ?? '(unchanged)'}:${group ?? '(unchanged)'}: ${messageOf(error)}; the file keeps its owner and group`,
      flowFile,
    );
  }
}

/** What PutHDFS keeps while it runs. */
interface Scheduled {
  /** Directories found or made since the start, so each file costs no directory check. */
  readonly knownDirectories: DirectoryCache;
  /**
   * Held per target path while a task writes it. Copies of one file can arrive together (a
   * replay of at-least-once delivery), and two tasks writing one `.<filename>` at once break
   * each other's upload or rename (HDFS: "does not have any open files"): one went to failure.
   */
  readonly writing: KeyedLock;
}

/** Removes a file a failed write left, so no partial content stays; failure to do so only warns. */
async function removePartial(
  ctx: Context,
  hdfs: HdfsConnectionService,
  flowFile: FlowFile,
  path: string,
): Promise<void> {
  try {
    await hdfs.client.delete(path);
  } catch (error) {
    ctx.log.warn(
      `Could not remove ${path} in HDFS at ${hdfs.url}, left by the failed write of ${flowFile.id}: ${messageOf(error)}`,
      flowFile,
    );
  }
}

/**
 * PutHDFS: writes each flowfile's content to a file in an HDFS directory over WebHDFS, streamed,
 * by default to `.<filename>` first and then renamed, so readers never see a partial file under
 * the final name. A file that cannot be written (it exists and the strategy is fail, a bad name,
 * no permission) goes to failure with the reason; while HDFS cannot be reached the session is
 * rolled back (penalized) and the processor yields, so nothing is lost and back-pressure builds
 * upstream — where NiFi routes such IOExceptions to failure.
 */
export const PutHDFS = defineProcessor({
  type: 'PutHDFS',
  description:
    'Write FlowFile data to Hadoop Distributed File System (HDFS), through the WebHDFS REST API of the cluster named by an HDFS Connection Service. While HDFS cannot be reached (refused, timed out, safe mode) FlowFiles stay in the input queue, penalized, and the processor yields; FlowFiles that cannot be written for a reason of their own go to failure with the reason in puthdfs.failure.reason. Not supported: Kerberos, compression codecs, appending in Avro mode.',
  tags: ['hadoop', 'HCFS', 'HDFS', 'put', 'copy', 'filesystem', 'webhdfs'],
  properties,
  relationships: {
    success:
      'Files that have been successfully written to HDFS are transferred to this relationship',
    failure:
      'Files that could not be written to HDFS for some reason are transferred to this relationship',
  },
  onScheduled(): Scheduled {
    return { knownDirectories: new DirectoryCache(), writing: new KeyedLock() };
  },
  async onTrigger(ctx, session, scheduled) {
    // One flowfile per session: a rollback when HDFS goes away must not undo files already written.
    const flowFile = session.get();
    if (!flowFile) return;
    const hdfs = ctx.requiredProperty('hdfsConnectionService');
    const toFailure = (reason: string, level: 'warn' | 'error' = 'error'): void => {
      ctx.log[level](`${reason}; penalizing ${flowFile.id} and routing to failure`, flowFile);
      const marked = session.putAttribute(flowFile, PUT_HDFS_FAILURE_ATTRIBUTE, reason);
      session.transfer(session.penalize(marked), 'failure');
    };

    const placement = placementOf(ctx, flowFile);
    if (!placement.ok) return toFailure(placement.reason);
    const { directory, filename } = placement;
    const target = hdfsChild(directory, filename);
    const conflict: ConflictStrategy = ctx.property('conflictResolutionStrategy') ?? 'fail';
    const write: HdfsWrite = {
      client: hdfs.client,
      directory,
      filename,
      conflict,
      strategy: ctx.property('writingStrategy') ?? 'writeAndRename',
      newFile: newFileOf(ctx),
      content: () => session.read(flowFile),
      size: flowFile.size,
      knownDirectories: scheduled.knownDirectories,
      signal: ctx.signal,
    };

    let outcome: WriteOutcome;
    const release = await scheduled.writing.acquire(target);
    try {
      outcome = await writeToHdfs(write);
    } catch (error) {
      if (!(error instanceof HdfsWriteError)) throw error;
      if (error.partialFile !== undefined) {
        await removePartial(ctx, hdfs, flowFile, error.partialFile);
      }
      const cause = error.cause;
      // Not WebHDFS's: the flowfile's content could not be read. The engine rolls back.
      if (!(cause instanceof WebHdfsError)) throw cause;
      const kind = classifyHdfsFailure(cause);
      switch (kind) {
        case 'flowfile':
          return toFailure(`Could not write ${target} in HDFS at ${hdfs.url}: ${cause.message}`);
        case 'cluster':
          session.rollback({ penalize: true });
          ctx.yield();
          ctx.log.error(
            `Could not write ${flowFile.id} to ${target} in HDFS at ${hdfs.url}: ${cause.message}; the session was rolled back, so the flowfile stays in the input queue (penalized), and the processor yields`,
          );
          return;
        case 'aborted':
          session.rollback();
          ctx.log.info(
            `Writing ${flowFile.id} to ${target} was aborted; the session was rolled back`,
          );
          return;
        default: {
          const exhaustive: never = kind;
          throw new Error(`Unknown HDFS failure kind ${String(exhaustive)}`, { cause: error });
        }
      }
    } finally {
      release();
    }

    switch (outcome.kind) {
      case 'written':
        await changeOwner(ctx, hdfs, flowFile, target);
        return recordSuccess(ctx, session, hdfs, flowFile, target, directory, outcome);
      case 'exists':
        if (conflict === 'ignore') {
          // As NiFi: to success, unchanged, and nothing was sent.
          ctx.log.info(
            `Transferring ${flowFile.id} to success because ${target} already exists in HDFS at ${hdfs.url}`,
          );
          session.transfer(flowFile, 'success');
          return;
        }
        return toFailure(
          `${target} already exists in HDFS at ${hdfs.url} and the Conflict Resolution Strategy is fail`,
          'warn',
        );
      case 'refused':
        return toFailure(`Could not write ${target} in HDFS at ${hdfs.url}: ${outcome.reason}`);
      default: {
        const exhaustive: never = outcome;
        throw new Error(`Unknown write outcome ${JSON.stringify(exhaustive)}`);
      }
    }
  },
});
