import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import {
  access,
  copyFile,
  mkdir,
  open,
  rename,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  defineProcessor,
  prop,
  type ComponentLog,
  type FlowFile,
  type ProcessContext,
  type ProcessSession,
} from '@sluice/engine';
import { validateMoveDestination, type CompletionStrategy } from './support/completion-strategy.js';
import { errorCode, exists, messageOf } from './support/file-errors.js';

/** Flowfiles fetched per trigger: one commit for several small files, still a small session. */
const BATCH_SIZE = 10;

/** NiFi's log levels for the two expected failures; TRACE and FATAL map to Sluice's nearest. */
const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'NONE'] as const;
type NiFiLogLevel = (typeof LOG_LEVELS)[number];

type ConflictStrategy = 'Rename' | 'Replace File' | 'Keep Existing' | 'Fail';

/** What to do with a fetched file once its content is committed. */
interface Completion {
  readonly flowFile: FlowFile;
  readonly file: string;
  readonly strategy: CompletionStrategy;
  readonly targetDirectory: string | undefined;
  readonly conflict: ConflictStrategy;
}

function logAt(log: ComponentLog, level: NiFiLogLevel, message: string, flowFile: FlowFile): void {
  switch (level) {
    case 'TRACE':
    case 'DEBUG':
      return log.debug(message);
    case 'INFO':
      return log.info(message);
    case 'WARN':
      return log.warn(message, flowFile);
    case 'ERROR':
    case 'FATAL':
      return log.error(message, flowFile);
    case 'NONE':
      return;
    default: {
      const exhaustive: never = level;
      throw new Error(`Unknown log level ${String(exhaustive)}`);
    }
  }
}

/** NiFi's rename on conflict: `name-<uuid>.ext`, keeping the extension. */
function renamed(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0
    ? `${name.slice(0, dot)}-${randomUUID()}${name.slice(dot)}`
    : `${name}-${randomUUID()}`;
}

/** Moves a file, copying then deleting when the target is on another file system. */
async function move(source: string, target: string, overwrite: boolean): Promise<void> {
  if (!overwrite && (await exists(target))) throw new Error(`${target} already exists`);
  try {
    await rename(source, target);
  } catch (error) {
    if (errorCode(error) !== 'EXDEV') throw error;
    await copyFile(source, target, overwrite ? 0 : constants.COPYFILE_EXCL);
    await unlink(source);
  }
}

/** Runs the completion strategy; only ever after the session that holds the content committed. */
async function complete(completion: Completion): Promise<void> {
  const { file, strategy, targetDirectory, conflict } = completion;
  switch (strategy) {
    case 'None':
      return;
    case 'Delete File':
      return unlink(file);
    case 'Move File': {
      const directory = targetDirectory!;
      await mkdir(directory, { recursive: true });
      const target = path.join(directory, path.basename(file));
      if (!(await exists(target))) return move(file, target, false);
      switch (conflict) {
        case 'Rename':
          return move(file, path.join(directory, renamed(path.basename(file))), false);
        case 'Replace File':
          return move(file, target, true);
        case 'Keep Existing':
          // The destination stays as it is and the fetched original is removed, as in NiFi.
          return unlink(file);
        case 'Fail':
          throw new Error(`${target} already exists and the Move Conflict Strategy is Fail`);
        default: {
          const exhaustive: never = conflict;
          throw new Error(`Unknown conflict strategy ${String(exhaustive)}`);
        }
      }
    }
    default: {
      const exhaustive: never = strategy;
      throw new Error(`Unknown completion strategy ${String(exhaustive)}`);
    }
  }
}

const properties = {
  fileToFetch: prop.string({
    name: 'File to Fetch',
    description: 'The fully-qualified filename of the file to fetch from the file system',
    default: '${absolute.path}/${filename}',
    el: 'flowfile',
  }),
  completionStrategy: prop.choice({
    name: 'Completion Strategy',
    description:
      'Specifies what to do with the original file on the file system once it has been pulled into Sluice. It runs only after the content is committed, so a crash cannot lose a file.',
    values: [
      { value: 'None', description: 'Leave the file as-is' },
      {
        value: 'Move File',
        description:
          'Moves the file to the directory specified by the Move Destination Directory property',
      },
      { value: 'Delete File', description: 'Deletes the original file from the file system' },
    ],
    default: 'None',
  }),
  moveDestinationDirectory: prop.string({
    name: 'Move Destination Directory',
    description:
      'The directory to the move the original file to once it has been fetched from the file system. This property is ignored unless the Completion Strategy is set to "Move File". If the directory does not exist, it will be created.',
    el: 'flowfile',
  }),
  moveConflictStrategy: prop.choice({
    name: 'Move Conflict Strategy',
    description:
      'If Completion Strategy is set to Move File and a file already exists in the destination directory with the same name, this property specifies how that naming conflict should be resolved',
    values: [
      {
        value: 'Rename',
        description:
          'The existing destination file should remain intact. The newly ingested file should be moved to the destination directory but be renamed to a random filename',
      },
      {
        value: 'Replace File',
        description:
          'The newly ingested file should replace the existing file in the Destination Directory',
      },
      {
        value: 'Keep Existing',
        description:
          'The existing file should in the Destination Directory should stay intact and the newly ingested file should be deleted',
      },
      {
        value: 'Fail',
        description:
          'The existing destination file should remain intact and the incoming FlowFile should be routed to failure',
      },
    ],
    default: 'Rename',
  }),
  logLevelWhenFileNotFound: prop.choice({
    name: 'Log level when file not found',
    description: 'Log level to use in case the file does not exist when the processor is triggered',
    values: LOG_LEVELS,
    default: 'ERROR',
  }),
  logLevelWhenPermissionDenied: prop.choice({
    name: 'Log level when permission denied',
    description:
      'Log level to use in case user does not have sufficient permissions to read the file',
    values: LOG_LEVELS,
    default: 'ERROR',
  }),
} as const;

type Context = ProcessContext<typeof properties>;

/**
 * Fetches one flowfile's file: routes it, and returns the completion to run after commit when the
 * content was fetched.
 */
async function fetchOne(
  ctx: Context,
  session: ProcessSession,
  original: FlowFile,
): Promise<Completion | undefined> {
  let flowFile = original;
  const fail = (message: string, route = 'failure', level: NiFiLogLevel = 'ERROR'): undefined => {
    logAt(ctx.log, level, message, flowFile);
    session.transfer(session.penalize(flowFile), route);
    return undefined;
  };
  let file: string;
  try {
    file = path.resolve(ctx.requiredProperty('fileToFetch', flowFile));
  } catch (error) {
    return fail(
      `Could not evaluate 'File to Fetch' for ${flowFile.id}: ${messageOf(error)}; routing to failure`,
    );
  }
  const notFound = (): undefined =>
    fail(
      `Could not fetch file ${file} for ${flowFile.id} because the file does not exist; routing to not.found`,
      'not.found',
      ctx.property('logLevelWhenFileNotFound') ?? 'ERROR',
    );
  const denied = (): undefined =>
    fail(
      `Could not fetch file ${file} for ${flowFile.id} because the user does not have sufficient permissions to read the file; routing to permission.denied`,
      'permission.denied',
      ctx.property('logLevelWhenPermissionDenied') ?? 'ERROR',
    );
  const problem = (error: unknown): undefined => {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return notFound();
    if (code === 'EACCES' || code === 'EPERM') return denied();
    return fail(
      `Could not fetch file ${file} for ${flowFile.id} due to ${messageOf(error)}; routing to failure`,
    );
  };

  try {
    if (!(await stat(file)).isFile()) {
      return fail(
        `Could not fetch file ${file} for ${flowFile.id} because it is not a regular file; routing to failure`,
      );
    }
  } catch (error) {
    return problem(error);
  }

  const strategy = ctx.property('completionStrategy') ?? 'None';
  const conflict = ctx.property('moveConflictStrategy') ?? 'Rename';
  let targetDirectory: string | undefined;
  if (strategy === 'Move File') {
    // Checked before fetching, as NiFi does, so a move that cannot happen fails the flowfile now.
    try {
      targetDirectory = path.resolve(ctx.requiredProperty('moveDestinationDirectory', flowFile));
      if (await exists(targetDirectory)) {
        if (!(await stat(targetDirectory)).isDirectory())
          throw new Error(`${targetDirectory} is not a directory`);
        await access(targetDirectory, constants.W_OK);
      } else {
        await mkdir(targetDirectory, { recursive: true });
      }
      if (conflict === 'Fail' && (await exists(path.join(targetDirectory, path.basename(file))))) {
        throw new Error(
          `a file named ${path.basename(file)} already exists in ${targetDirectory} and the Move Conflict Strategy is Fail`,
        );
      }
    } catch (error) {
      return fail(
        `Could not fetch file ${file} for ${flowFile.id} because Completion Strategy is Move File but the file cannot be moved to ${targetDirectory ?? 'the destination'}: ${messageOf(error)}; routing to failure`,
      );
    }
  }

  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return problem(error);
  }
  try {
    // Streamed: a file of any size passes through with flat memory.
    flowFile = await session.write(flowFile, handle.createReadStream({ autoClose: false }));
  } catch (error) {
    return problem(error);
  } finally {
    await handle.close();
  }
  const uri = pathToFileURL(file).href;
  session.provenance.fetch(flowFile, uri, `Replaced content of FlowFile with contents of ${uri}`);
  session.transfer(flowFile, 'success');
  return { flowFile, file, strategy, targetDirectory, conflict };
}

/**
 * FetchFile: replaces a flowfile's content with a local file's (usually one ListFile listed), then
 * optionally moves or deletes the file — only after the session is committed, as NiFi does, so a
 * crash can never delete a file whose content was not yet durable.
 */
export const FetchFile = defineProcessor({
  type: 'FetchFile',
  description:
    'Reads the contents of a file from disk and streams it into the contents of an incoming FlowFile. Once this is done, the file is optionally moved elsewhere or deleted to help keep the file system organized.',
  tags: ['local', 'files', 'filesystem', 'ingest', 'ingress', 'get', 'source', 'input', 'fetch'],
  properties,
  relationships: {
    success:
      'Any FlowFile that is successfully fetched from the file system will be transferred to this Relationship.',
    'not.found':
      'Any FlowFile that could not be fetched from the file system because the file could not be found will be transferred to this Relationship.',
    'permission.denied':
      'Any FlowFile that could not be fetched from the file system due to the user running Sluice not having sufficient permissions will be transferred to this Relationship.',
    failure:
      'Any FlowFile that could not be fetched from the file system for any reason other than insufficient permissions or the file not existing will be transferred to this Relationship.',
  },
  validate: validateMoveDestination,
  async onTrigger(ctx, session) {
    const completions: Completion[] = [];
    for (const flowFile of session.get(BATCH_SIZE)) {
      const completion = await fetchOne(ctx, session, flowFile);
      if (completion && completion.strategy !== 'None') completions.push(completion);
    }
    if (completions.length === 0) return;
    // The content must be durable before the original goes away.
    await session.commit();
    for (const completion of completions) {
      try {
        await complete(completion);
      } catch (error) {
        // The flowfile is already committed to success; the file stays where it was.
        ctx.log.warn(
          `Fetched the content of ${completion.file} for ${completion.flowFile.id} but could not perform the Completion Strategy ${completion.strategy}: ${messageOf(error)}`,
          completion.flowFile,
        );
      }
    }
  },
});
