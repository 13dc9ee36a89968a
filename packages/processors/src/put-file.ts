import { chmod, link, mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  defineProcessor,
  prop,
  type FlowFile,
  type ProcessContext,
  type ProcessSession,
} from '@sluice/engine';
import { isPosix, parseNiFiTimestamp, parsePermissions } from './local-file-info.js';
import { errorCode, exists, messageOf } from './support/file-errors.js';

/** Flowfiles written per trigger; each file is fsynced, so a batch stays small. */
const BATCH_SIZE = 25;

type ConflictStrategy = 'replace' | 'ignore' | 'fail';

const properties = {
  directory: prop.string({
    name: 'Directory',
    description:
      'The directory to which files should be written. You may use expression language such as /aa/bb/${path}',
    required: true,
    el: 'flowfile',
  }),
  conflictResolutionStrategy: prop.choice({
    name: 'Conflict Resolution Strategy',
    description:
      'Indicates what should happen when a file with the same name already exists in the output directory',
    values: ['replace', 'ignore', 'fail'],
    default: 'fail',
  }),
  createMissingDirectories: prop.boolean({
    name: 'Create Missing Directories',
    description:
      'If true, then missing destination directories will be created. If false, flowfiles are penalized and sent to failure.',
    default: 'true',
  }),
  maximumFileCount: prop.integer({
    name: 'Maximum File Count',
    description: 'Specifies the maximum number of files that can exist in the output directory',
    min: 0,
  }),
  lastModifiedTime: prop.string({
    name: 'Last Modified Time',
    description:
      "Sets the lastModifiedTime on the output file to the value of this attribute.  Format must be yyyy-MM-dd'T'HH:mm:ssZ.  You may also use expression language such as ${file.lastModifiedTime}.",
    el: 'flowfile',
    validate: (v) =>
      parseNiFiTimestamp(v) === undefined
        ? "must be in the format yyyy-MM-dd'T'HH:mm:ssZ"
        : undefined,
  }),
  permissions: prop.string({
    name: 'Permissions',
    description:
      'Sets the permissions on the output file to the value of this attribute.  Format must be either UNIX rwxrwxrwx with a - in place of denied permissions (e.g. rw-r--r--) or an octal number (e.g. 644).  You may also use expression language such as ${file.permissions}.',
    el: 'flowfile',
    validate: (v) =>
      parsePermissions(v) === undefined
        ? 'must be like rw-r--r-- or an octal number like 644'
        : undefined,
  }),
} as const;

type Context = ProcessContext<typeof properties>;

/** Why a filename cannot be written inside the directory, or undefined when it can. */
function filenameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'is not a file name';
  if (name.includes('/') || (!isPosix && name.includes('\\'))) {
    return 'contains a path separator; PutFile writes only directly inside its Directory, so a name such as ../x cannot escape it';
  }
  if (name.includes('\0')) return 'contains a NUL character';
  return undefined;
}

/** NiFi gives created directories execute (search) wherever the file mode grants read or write. */
function directoryMode(fileMode: number): number {
  let mode = fileMode;
  for (const shift of [6, 3, 0]) if ((fileMode >> shift) & 0o6) mode |= 1 << shift;
  return mode;
}

/** Creates the directory and its missing parents, giving the new ones the configured mode. */
async function createDirectories(directory: string, fileMode: number | undefined): Promise<void> {
  const first = await mkdir(directory, { recursive: true });
  if (first === undefined || fileMode === undefined) return;
  // Deepest first: a parent's new mode might deny the search needed to reach its children.
  for (let dir = directory; ; dir = path.dirname(dir)) {
    await chmod(dir, directoryMode(fileMode));
    if (dir === first || path.dirname(dir) === dir) break;
  }
}

async function writeFully(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let offset = 0; offset < chunk.byteLength;) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/** Streams the content into the temporary file, applies mode and time, and fsyncs it. */
async function writeTemporary(
  temporary: string,
  content: AsyncIterable<Uint8Array>,
  mode: number | undefined,
  modified: number | undefined,
): Promise<void> {
  const handle = await open(temporary, 'w');
  try {
    for await (const chunk of content) await writeFully(handle, chunk);
    if (mode !== undefined) await handle.chmod(mode);
    // After the writes, which would otherwise move the time again; the access time is kept.
    if (modified !== undefined)
      await handle.utimes((await handle.stat()).atime, new Date(modified));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Gives the temporary file its final name. Replacing is one atomic rename; otherwise a hard link
 * refuses to clobber a file that appeared since the conflict check. False when it appeared.
 */
async function place(temporary: string, target: string, replace: boolean): Promise<boolean> {
  if (replace) {
    await rename(temporary, target);
    return true;
  }
  try {
    await link(temporary, target);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') {
      await unlink(temporary);
      return false;
    }
    // File systems without hard links: the existence check already ran, so rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS')
      throw error;
    await rename(temporary, target);
    return true;
  }
  await unlink(temporary);
  return true;
}

/** Makes the new directory entry durable, so a crash after success cannot lose the file's name. */
async function syncDirectory(directory: string): Promise<void> {
  if (!isPosix) return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot fsync a directory (EINVAL); there is nothing more to make durable.
    if (errorCode(error) !== 'EINVAL' && errorCode(error) !== 'ENOTSUP') throw error;
  } finally {
    await handle.close();
  }
}

/** Writes one flowfile and routes it. */
async function putOne(ctx: Context, session: ProcessSession, flowFile: FlowFile): Promise<void> {
  const fail = (message: string, level: 'warn' | 'error' = 'error'): void => {
    ctx.log[level](`${message}; penalizing ${flowFile.id} and routing to failure`, flowFile);
    session.transfer(session.penalize(flowFile), 'failure');
  };
  const filename = flowFile.attributes['filename'] ?? flowFile.id;
  const badName = filenameProblem(filename);
  if (badName) return fail(`Cannot write filename '${filename}': it ${badName}`);

  let directory: string;
  let permissions: string | undefined;
  let modifiedText: string | undefined;
  try {
    directory = path.resolve(ctx.requiredProperty('directory', flowFile));
    permissions = ctx.property('permissions', flowFile)?.trim() || undefined;
    modifiedText = ctx.property('lastModifiedTime', flowFile)?.trim() || undefined;
  } catch (error) {
    return fail(`Could not evaluate the properties: ${messageOf(error)}`);
  }
  // As NiFi: a bad mode or time (from an expression) is a warning, and the file is still written.
  const mode = permissions === undefined ? undefined : parsePermissions(permissions);
  if (permissions !== undefined && mode === undefined) {
    ctx.log.warn(
      `Could not set file permissions to '${permissions}': expected rw-r--r-- or 644`,
      flowFile,
    );
  }
  const modified = modifiedText === undefined ? undefined : parseNiFiTimestamp(modifiedText);
  if (modifiedText !== undefined && modified === undefined) {
    ctx.log.warn(
      `Could not set file lastModifiedTime to '${modifiedText}': expected yyyy-MM-dd'T'HH:mm:ssZ`,
      flowFile,
    );
  }

  const target = path.join(directory, filename);
  const temporary = path.join(directory, `.${filename}`);
  const conflict: ConflictStrategy = ctx.property('conflictResolutionStrategy') ?? 'fail';
  const onConflict = (): void => {
    if (conflict === 'ignore') {
      ctx.log.info(`Transferring ${flowFile.id} to success because ${target} already exists`);
      session.transfer(flowFile, 'success');
    } else {
      fail(`${target} already exists and the Conflict Resolution Strategy is fail`, 'warn');
    }
  };
  let wroteTemporary = false;
  try {
    if (!(await exists(directory))) {
      if (!(ctx.property('createMissingDirectories') ?? true)) {
        return fail(
          `The output directory ${directory} does not exist and Create Missing Directories is false`,
        );
      }
      await createDirectories(directory, mode);
    }
    const maximum = ctx.property('maximumFileCount');
    if (maximum !== undefined) {
      // NiFi does not count the file being replaced.
      const count = (await readdir(directory)).filter((name) => name !== filename).length;
      if (count >= maximum) {
        return fail(
          `The output directory ${directory} has ${count} files, at or above the Maximum File Count ${maximum}`,
          'warn',
        );
      }
    }
    if (conflict !== 'replace' && (await exists(target))) return onConflict();

    wroteTemporary = true;
    await writeTemporary(temporary, session.read(flowFile), mode, modified);
    const placed = await place(temporary, target, conflict === 'replace');
    wroteTemporary = false;
    if (!placed) return onConflict();
    await syncDirectory(directory);
  } catch (error) {
    if (wroteTemporary) {
      await rm(temporary, { force: true }).catch((cleanup: unknown) =>
        ctx.log.error(`Could not remove the temporary file ${temporary}: ${messageOf(cleanup)}`),
      );
    }
    return fail(`Could not write ${target}: ${messageOf(error)}`);
  }
  ctx.log.info(`Produced copy of ${flowFile.id} at location ${target}`);
  session.provenance.send(flowFile, pathToFileURL(target).href);
  session.transfer(flowFile, 'success');
}

/**
 * PutFile: writes each flowfile's content to a file in a local directory, atomically — streamed to
 * a dot-prefixed temporary file beside the target, fsynced, then renamed — so a crash never
 * leaves a half-written file under the final name.
 */
export const PutFile = defineProcessor({
  type: 'PutFile',
  description: 'Writes the contents of a FlowFile to the local file system',
  tags: ['put', 'local', 'copy', 'archive', 'files', 'filesystem'],
  properties,
  relationships: {
    success:
      'Files that have been successfully written to the output directory are transferred to this relationship',
    failure:
      'Files that could not be written to the output directory for some reason are transferred to this relationship',
  },
  async onTrigger(ctx, session) {
    for (const flowFile of session.get(BATCH_SIZE)) await putOne(ctx, session, flowFile);
  },
});
