import path from 'node:path';

/** A usable value, or why it is not. */
export type PathCheck =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/** Hadoop file system URLs whose path part NiFi's PutHDFS takes (it ignores the authority). */
const FILE_SYSTEM_URL = /^(?:hdfs|webhdfs|swebhdfs|viewfs):\/\/[^/]*(\/.*)?$/i;

/**
 * The HDFS directory an evaluated Directory names: absolute and normalized (no `.`, `..`, double
 * or trailing slash). As in NiFi, a file system URL such as `hdfs://namenode:8020/data` gives its
 * path; the files go to the cluster of the connection service. A relative path is refused: WebHDFS
 * has no working directory to resolve it against.
 */
export function hdfsDirectory(value: string): PathCheck {
  const trimmed = value.trim();
  const fromUrl = FILE_SYSTEM_URL.exec(trimmed);
  const raw = fromUrl ? (fromUrl[1] ?? '/') : trimmed;
  if (raw === '') return { ok: false, reason: 'The Directory is empty' };
  if (!raw.startsWith('/')) {
    return {
      ok: false,
      reason: `The Directory '${value}' is not absolute: WebHDFS paths start with '/'`,
    };
  }
  const normalized = path.posix.normalize(raw);
  return { ok: true, path: normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized };
}

/** Why a flowfile's filename cannot name a file directly inside a directory, or undefined. */
export function hdfsFileNameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'is not a file name';
  if (name.includes('/')) {
    return 'contains a slash; PutHDFS writes only directly inside its Directory, so a name such as ../x cannot escape it';
  }
  return undefined;
}

/** The path of `name` inside `directory` (both as checked above). */
export function hdfsChild(directory: string, name: string): string {
  return directory === '/' ? `/${name}` : `${directory}/${name}`;
}

/** HDFS's permission for a new file under `umask` (octal text): 666 less the umask, as Hadoop. */
export function filePermissionUnder(umask: number): string {
  return (0o666 & ~umask).toString(8).padStart(3, '0');
}

/**
 * Reads a umask as NiFi's UMASK_VALIDATOR does: an octal number from 0 to 777. Undefined when the
 * text is not one.
 */
export function parseUmask(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^[0-7]{1,4}$/.test(trimmed)) return undefined;
  const umask = Number.parseInt(trimmed, 8);
  return umask <= 0o777 ? umask : undefined;
}
