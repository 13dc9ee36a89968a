import { constants, type Dirent, type Stats } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { defineProcessor, prop, type ComponentLog } from '@sluice/engine';
import { compileJavaFullMatch } from '@sluice/expression-language';
import {
  creationTime,
  formatNiFiTimestamp,
  isPosix,
  loadOwnerNames,
  permissionString,
  type OwnerNames,
} from './local-file-info.js';
import { errorCode } from './support/file-errors.js';
import {
  AGE_AND_SIZE_PROPERTIES,
  ageAndSizeFilter,
  passesAgeAndSize,
  type AgeAndSizeFilter,
} from './support/listing-filters.js';
import {
  afterListing,
  readListingState,
  unlisted,
  writeListingState,
  type ListedEntity,
} from './support/listing-state.js';
import { validJavaRegex } from './support/regex-validation.js';

/** A file that passed the filters. */
interface Listed {
  readonly absolute: string;
  /** Directory relative to the input directory, '' at the root. */
  readonly relativeDir: string;
  readonly name: string;
  readonly stats: Stats;
  /** Modification time in whole milliseconds, as Java's File.lastModified(). */
  readonly mtime: number;
}

interface ScanOptions extends AgeAndSizeFilter {
  readonly recurse: boolean;
  readonly file: RegExp;
  readonly path: RegExp | undefined;
  readonly ignoreHidden: boolean;
}

/** The message for an input directory that cannot be listed, naming the directory. */
function directoryProblem(directory: string, error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return `Input Directory ${directory} does not exist`;
    case 'ENOTDIR':
      return `Input Directory ${directory} is not a directory`;
    case 'EACCES':
    case 'EPERM':
      return `Input Directory ${directory} cannot be read: permission denied`;
    default:
      return `Input Directory ${directory} cannot be listed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A file's identity in the listing state: its absolute path and modification time. */
const listingKey = (file: Listed): ListedEntity => ({ id: file.absolute, timestamp: file.mtime });

/**
 * Walks the input directory (following symbolic links, as NiFi does) and returns the files that
 * pass the filters. A subdirectory that cannot be read is skipped; the root must be readable.
 */
async function scan(root: string, options: ScanOptions, log: ComponentLog): Promise<Listed[]> {
  const found: Listed[] = [];
  // Each pending directory carries the identities of its ancestors, to stop at symlink loops.
  const pending: { dir: string; ancestors: readonly string[] }[] = [{ dir: root, ancestors: [] }];
  while (pending.length > 0) {
    const { dir, ancestors } = pending.pop()!;
    let entries: Dirent[];
    let identity: string;
    try {
      const dirStats = await stat(dir);
      identity = `${dirStats.dev}:${dirStats.ino}`;
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (dir === root) throw error;
      log.debug(
        `Skipping directory ${dir}: ${error instanceof Error ? error.message : String(error)}`,
      );
      continue;
    }
    if (ancestors.includes(identity)) {
      log.debug(`Skipping directory ${dir}: a symbolic link loops back to one of its parents`);
      continue;
    }
    const relativeDir = path.relative(root, dir).split(path.sep).join('/');
    // NiFi matches the path filter against the file's directory; root files always pass.
    const pathMatches = !options.path || relativeDir === '' || options.path.test(relativeDir);
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let stats: Stats | undefined;
      if (entry.isSymbolicLink()) {
        stats = await stat(absolute).catch(() => undefined);
        if (!stats) continue; // a dangling link
        isDirectory = stats.isDirectory();
        isFile = stats.isFile();
      }
      if (isDirectory) {
        if (options.recurse) pending.push({ dir: absolute, ancestors: [...ancestors, identity] });
        continue;
      }
      if (!isFile || !pathMatches) continue;
      // Hidden means a dot name on POSIX; NiFi checks the file itself, not its directories.
      if (options.ignoreHidden && entry.name.startsWith('.')) continue;
      if (!options.file.test(entry.name)) continue;
      // The file may vanish between readdir and stat; it is then simply not listed. Size and age
      // are checked after the cheaper name filters.
      stats ??= await stat(absolute).catch(() => undefined);
      if (!stats || !passesAgeAndSize(stats, options)) continue;
      found.push({
        absolute,
        relativeDir,
        name: entry.name,
        stats,
        mtime: Math.trunc(stats.mtimeMs),
      });
    }
  }
  return found;
}

async function isReadable(file: string): Promise<boolean> {
  try {
    await access(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** NiFi ListFile's attributes of a listed file. */
function attributesOf(file: Listed, owners: OwnerNames | undefined): Record<string, string> {
  const { stats } = file;
  const attributes: Record<string, string> = {
    filename: file.name,
    path: file.relativeDir === '' ? './' : `${file.relativeDir}/`,
    'absolute.path': path.dirname(file.absolute) + path.sep,
    'file.size': String(stats.size),
    'file.lastModifiedTime': formatNiFiTimestamp(stats.mtimeMs),
  };
  if (owners) {
    attributes['file.creationTime'] = formatNiFiTimestamp(creationTime(stats));
    attributes['file.lastAccessTime'] = formatNiFiTimestamp(stats.atimeMs);
    if (isPosix) {
      attributes['file.owner'] = owners.user(stats.uid);
      attributes['file.group'] = owners.group(stats.gid);
      attributes['file.permissions'] = permissionString(stats.mode);
    }
  }
  return attributes;
}

/** Per-start preparation: compiled filters and the owner-name tables. */
interface Prepared {
  readonly fileFilter: RegExp;
  readonly pathFilter: RegExp | undefined;
  /** Undefined when file attributes are not wanted. */
  readonly owners: OwnerNames | undefined;
}

/** Properties whose change makes the listing start over (NiFi's isListingResetNecessary). */
const RESET_PROPERTIES = [
  'recurseSubdirectories',
  'fileFilter',
  'pathFilter',
  'minimumFileAge',
  'maximumFileAge',
  'minimumFileSize',
  'maximumFileSize',
  'ignoreHiddenFiles',
] as const;

/**
 * ListFile: lists the files of a local directory, one flowfile without content per new file, for
 * FetchFile to fetch. Listing state follows NiFi's timestamp tracking strategy and is committed in
 * the same session as the flowfiles, so a crash can neither lose nor repeat a listing.
 */
export const ListFile = defineProcessor({
  // Each task reads the listing state; two at once would list the same files twice.
  triggerSerially: true,
  type: 'ListFile',
  description:
    'Retrieves a listing of files from the input directory. For each file listed, creates a FlowFile that represents the file so that it can be fetched in conjunction with FetchFile. Unlike GetFile, this Processor does not delete any data from the local filesystem.',
  tags: ['file', 'get', 'list', 'ingest', 'source', 'filesystem'],
  inputRequirement: 'forbidden',
  defaultRunSchedule: '1 min',
  properties: {
    inputDirectory: prop.string({
      name: 'Input Directory',
      description: 'The input directory from which files to pull files',
      required: true,
      el: 'environment',
    }),
    recurseSubdirectories: prop.boolean({
      name: 'Recurse Subdirectories',
      description: 'Indicates whether to list files from subdirectories of the directory',
      default: 'true',
    }),
    fileFilter: prop.string({
      name: 'File Filter',
      description: 'Only files whose names match the given regular expression will be picked up',
      default: '[^\\.].*',
      validate: validJavaRegex,
    }),
    pathFilter: prop.string({
      name: 'Path Filter',
      description:
        'When Recurse Subdirectories is true, then only subdirectories whose path matches the given regular expression will be scanned',
      validate: validJavaRegex,
    }),
    includeFileAttributes: prop.boolean({
      name: 'Include File Attributes',
      description:
        "Whether or not to include information such as the file's Last Modified Time and Owner as FlowFile Attributes. Depending on the File System being used, gathering this information can be expensive and as a result should be disabled. This is especially true of remote file shares.",
      default: 'true',
    }),
    ...AGE_AND_SIZE_PROPERTIES,
    ignoreHiddenFiles: prop.boolean({
      name: 'Ignore Hidden Files',
      description: 'Indicates whether or not hidden files should be ignored',
      default: 'true',
    }),
  },
  relationships: { success: 'All FlowFiles that are received are routed to success' },
  async onScheduled(ctx): Promise<Prepared> {
    const pathFilter = ctx.property('pathFilter');
    return {
      fileFilter: compileJavaFullMatch(ctx.property('fileFilter') ?? '[^\\.].*').regex,
      pathFilter: pathFilter ? compileJavaFullMatch(pathFilter).regex : undefined,
      owners: ctx.property('includeFileAttributes') ? await loadOwnerNames() : undefined,
    };
  },
  async onTrigger(ctx, session, prepared) {
    const root = path.resolve(ctx.requiredProperty('inputDirectory'));
    const recurse = ctx.property('recurseSubdirectories') ?? true;
    const options: ScanOptions = {
      recurse,
      file: prepared.fileFilter,
      path: recurse ? prepared.pathFilter : undefined,
      ignoreHidden: ctx.property('ignoreHiddenFiles') ?? true,
      ...ageAndSizeFilter(ctx),
    };
    let found: Listed[];
    try {
      found = await scan(root, options, ctx.log);
    } catch (error) {
      // Not a processor failure: the directory may appear later (it can be an expression).
      ctx.log.error(directoryProblem(root, error));
      ctx.yield();
      return;
    }

    const configuration = JSON.stringify([
      root,
      ...RESET_PROPERTIES.map((key) => ctx.raw(key) ?? ''),
    ]);
    const listed = readListingState(session.getState(), configuration);
    const candidates = unlisted(found, listed, listingKey);
    // NiFi lists only files it may read; checked last, and only for files not listed before.
    const readable = await Promise.all(candidates.map((f) => isReadable(f.absolute)));
    const fresh = candidates.filter((_, i) => readable[i]);
    if (fresh.length === 0) {
      ctx.yield();
      return;
    }

    for (const file of fresh) {
      const flowFile = session.putAllAttributes(
        session.create(),
        attributesOf(file, prepared.owners),
      );
      session.transfer(flowFile, 'success');
    }
    // Remember the newest time and every file listed at exactly that time: a file written later
    // with the same (coarse) modification time is then still listed, and none is listed twice.
    session.setState(writeListingState(afterListing(listed, fresh, listingKey), configuration));
  },
});
