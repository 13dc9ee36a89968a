import { WebHdfsError } from './webhdfs-error.js';

/**
 * Throws `invalid` unless `path` is absolute: WebHDFS has no working directory, and a relative
 * path would be read against the URL prefix.
 */
export function checkHdfsPath(path: string, operation: string, host: string): void {
  if (!path.startsWith('/')) {
    throw new WebHdfsError(
      'invalid',
      { operation, path, host },
      `WebHDFS paths are absolute: ${JSON.stringify(path)} does not start with "/" (${operation})`,
    );
  }
}

/**
 * An absolute HDFS path as the URL path after `/webhdfs/v1`: each segment percent-encoded as
 * UTF-8 (spaces, `%`, `#`, `?`, `+`, Korean text …), the slashes kept. Throws `invalid` for a
 * relative path and for text that is not valid Unicode.
 */
export function encodeHdfsPath(path: string, operation: string, host: string): string {
  checkHdfsPath(path, operation, host);
  try {
    return path.split('/').map(encodeURIComponent).join('/');
  } catch (error) {
    // encodeURIComponent throws URIError on a lone UTF-16 surrogate: no UTF-8 name exists for it.
    throw new WebHdfsError(
      'invalid',
      { operation, path, host },
      `WebHDFS path ${JSON.stringify(path)} is not valid Unicode (${operation})`,
      { cause: error },
    );
  }
}
