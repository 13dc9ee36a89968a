import { defineProcessor, prop, type ComponentLog } from '@sluice/engine';
import { compileJavaFullMatch } from '@sluice/expression-language';
import { formatNiFiTimestamp, permissionString } from './local-file-info.js';
import type { SftpEndpoint } from './services/sftp-connect.js';
import { SftpConnectionServiceApi } from './services/sftp-connection-service.js';
import {
  connectionSurvives,
  SftpConnectionError,
  SFTP_STATUS,
  sftpStatusOf,
} from './services/sftp-errors.js';
import type { SftpEntry, SftpSession } from './services/sftp-session.js';
import { messageOf } from './support/file-errors.js';
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

/** NiFi stops descending below this many directory levels (FileTransfer's recursion limit). */
const MAX_DEPTH = 100;

/** A remote file that passed the filters. */
interface Listed {
  /** The file's full remote path (the Remote Path joined with its subdirectories and name). */
  readonly fullPath: string;
  readonly entry: SftpEntry;
}

interface ScanOptions extends AgeAndSizeFilter {
  readonly recurse: boolean;
  readonly file: RegExp | undefined;
  readonly path: RegExp | undefined;
  readonly ignoreDotted: boolean;
}

/** Joins a remote directory and a name with `/`, as Java's File does (no doubled slash). */
function joinRemote(directory: string, name: string): string {
  return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
}

/** The Remote Path without trailing slashes (`/` stays `/`). */
function normalizeRoot(remotePath: string): string {
  const trimmed = remotePath.trim().replace(/\/+$/, '');
  return trimmed === '' ? (remotePath.trim().startsWith('/') ? '/' : '.') : trimmed;
}

/**
 * Walks the remote directory as NiFi's SFTPTransfer.getListing does: dotted entries (files and
 * directories) skipped when asked, the path filter matched against the directory relative to the
 * Remote Path (files at the root always pass), symbolic links not followed. A subdirectory that
 * cannot be listed is skipped with a warning; the root must be listable.
 */
async function scan(
  sftp: SftpSession,
  root: string,
  options: ScanOptions,
  log: ComponentLog,
): Promise<Listed[]> {
  const found: Listed[] = [];
  const pending: { dir: string; relative: string; depth: number }[] = [
    { dir: root, relative: '', depth: 0 },
  ];
  while (pending.length > 0) {
    const { dir, relative, depth } = pending.pop()!;
    let entries: SftpEntry[];
    try {
      entries = await sftp.list(dir);
    } catch (error) {
      // The connection itself failing ends the whole listing; nothing is emitted.
      if (dir === root || !connectionSurvives(error) || !sftp.usable) throw error;
      log.warn(`Unable to get listing from ${dir}; skipping: ${messageOf(error)}`);
      continue;
    }
    const pathMatches = !options.path || relative === '' || options.path.test(relative);
    for (const entry of entries) {
      if (options.ignoreDotted && entry.name.startsWith('.')) continue;
      if (entry.type === 'directory') {
        if (options.recurse && depth < MAX_DEPTH) {
          const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
          pending.push({
            dir: joinRemote(dir, entry.name),
            relative: childRelative,
            depth: depth + 1,
          });
        }
        continue;
      }
      if (entry.type !== 'file' || !pathMatches) continue;
      if (options.file && !options.file.test(entry.name)) continue;
      if (!passesAgeAndSize(entry, options)) continue;
      found.push({ fullPath: joinRemote(dir, entry.name), entry });
    }
  }
  return found;
}

/** Says why the Remote Path could not be listed, naming it and the server. */
function listingProblem(root: string, endpoint: SftpEndpoint, error: unknown): string {
  if (error instanceof SftpConnectionError) return `${error.message}; nothing was listed`;
  const where = `${root} on ${endpoint.username}@${endpoint.host}:${endpoint.port}`;
  switch (sftpStatusOf(error)) {
    case SFTP_STATUS.noSuchFile:
      return `Remote Path ${where} does not exist`;
    case SFTP_STATUS.permissionDenied:
      return `Remote Path ${where} cannot be listed: permission denied`;
    default:
      return `Remote Path ${where} cannot be listed: ${messageOf(error)}`;
  }
}

/** NiFi ListSFTP's attributes of a listed file (ListFileTransfer.createAttributes). */
function attributesOf(file: Listed, endpoint: SftpEndpoint): Record<string, string> {
  const { entry } = file;
  const slash = file.fullPath.lastIndexOf('/');
  return {
    filename: entry.name,
    // NiFi: the full path up to the last slash, so FetchSFTP's `${path}/${filename}` finds it.
    path: file.fullPath.slice(0, slash),
    'sftp.remote.host': endpoint.host,
    'sftp.remote.port': String(endpoint.port),
    'sftp.listing.user': endpoint.username,
    'file.owner': String(entry.uid),
    'file.group': String(entry.gid),
    'file.permissions': permissionString(entry.mode),
    'file.size': String(entry.size),
    'file.lastModifiedTime': formatNiFiTimestamp(entry.mtimeMs),
    'file.lastAccessTime': formatNiFiTimestamp(entry.atimeMs),
  };
}

/** A file's identity in the listing state: its full remote path and modification time. */
const listingKey = (file: Listed): ListedEntity => ({
  id: file.fullPath,
  timestamp: file.entry.mtimeMs,
});

/** Properties whose change makes the listing start over (NiFi's isListingResetNecessary). */
const RESET_PROPERTIES = [
  'searchRecursively',
  'fileFilterRegex',
  'pathFilterRegex',
  'ignoreDottedFiles',
  'minimumFileAge',
  'maximumFileAge',
  'minimumFileSize',
  'maximumFileSize',
] as const;

/** Per-start preparation: the compiled filters. */
interface Prepared {
  readonly fileFilter: RegExp | undefined;
  readonly pathFilter: RegExp | undefined;
}

/**
 * ListSFTP: lists the files of a directory on an SFTP server, one flowfile without content per
 * new or changed file, for FetchSFTP to fetch. Listing state follows NiFi's timestamp tracking
 * strategy and is committed in the same session as the flowfiles, so a crash can neither lose
 * nor repeat a listing. Connections come from an SFTP connection service.
 */
export const ListSFTP = defineProcessor({
  // Each task reads the listing state; two at once would list the same files twice.
  triggerSerially: true,
  type: 'ListSFTP',
  description:
    'Performs a listing of the files residing on an SFTP server. For each file that is found on the remote server, a new FlowFile will be created with the filename attribute set to the name of the file on the remote server. This can then be used in conjunction with FetchSFTP in order to fetch those files.',
  tags: ['list', 'sftp', 'remote', 'ingest', 'source', 'input', 'files'],
  inputRequirement: 'forbidden',
  defaultRunSchedule: '1 min',
  properties: {
    sftp: prop.service({
      name: 'SFTP Connection Service',
      description: 'The SFTP connection service that provides the server, login and connections',
      required: true,
      api: SftpConnectionServiceApi,
    }),
    remotePath: prop.string({
      name: 'Remote Path',
      description: 'The path on the remote system from which to pull or push files',
      default: '.',
      el: 'environment',
    }),
    searchRecursively: prop.boolean({
      name: 'Search Recursively',
      description:
        'If true, will pull files from arbitrarily nested subdirectories; otherwise, will not traverse subdirectories',
      default: 'false',
    }),
    fileFilterRegex: prop.string({
      name: 'File Filter Regex',
      description:
        'Provides a Java Regular Expression for filtering Filenames; if a filter is supplied, only files whose names match that Regular Expression will be fetched',
      validate: validJavaRegex,
    }),
    pathFilterRegex: prop.string({
      name: 'Path Filter Regex',
      description:
        'When Search Recursively is true, then only subdirectories whose path matches the given Regular Expression will be scanned',
      validate: validJavaRegex,
    }),
    ignoreDottedFiles: prop.boolean({
      name: 'Ignore Dotted Files',
      description: 'If true, files whose names begin with a dot (".") will be ignored',
      default: 'true',
    }),
    ...AGE_AND_SIZE_PROPERTIES,
  },
  relationships: { success: 'All FlowFiles that are received are routed to success' },
  onScheduled(ctx): Prepared {
    const fileFilter = ctx.property('fileFilterRegex');
    const pathFilter = ctx.property('pathFilterRegex');
    return {
      fileFilter: fileFilter ? compileJavaFullMatch(fileFilter).regex : undefined,
      pathFilter: pathFilter ? compileJavaFullMatch(pathFilter).regex : undefined,
    };
  },
  async onTrigger(ctx, session, prepared) {
    const service = ctx.requiredProperty('sftp');
    const { endpoint } = service;
    const root = normalizeRoot(ctx.requiredProperty('remotePath'));
    const recurse = ctx.property('searchRecursively') ?? false;
    const options: ScanOptions = {
      recurse,
      file: prepared.fileFilter,
      path: recurse ? prepared.pathFilter : undefined,
      ignoreDotted: ctx.property('ignoreDottedFiles') ?? true,
      ...ageAndSizeFilter(ctx),
    };
    let found: Listed[];
    try {
      found = await service.withSession((sftp) => scan(sftp, root, options, ctx.log));
    } catch (error) {
      // Not a processor failure: the server may come back, the directory may appear later.
      ctx.log.error(listingProblem(root, endpoint, error));
      ctx.yield();
      return;
    }

    const configuration = JSON.stringify([
      endpoint.host,
      endpoint.port,
      endpoint.username,
      root,
      ...RESET_PROPERTIES.map((key) => ctx.raw(key) ?? ''),
    ]);
    const listed = readListingState(session.getState(), configuration);
    const fresh = unlisted(found, listed, listingKey);
    if (fresh.length === 0) {
      ctx.yield();
      return;
    }
    for (const file of fresh) {
      session.transfer(
        session.putAllAttributes(session.create(), attributesOf(file, endpoint)),
        'success',
      );
    }
    // Committed with the flowfiles: a crash before the commit lists the same files again.
    session.setState(writeListingState(afterListing(listed, fresh, listingKey), configuration));
  },
});
