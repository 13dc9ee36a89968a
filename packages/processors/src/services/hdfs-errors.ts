import type { WebHdfsError } from '@sluice/webhdfs';

/**
 * What an HDFS processor does about a failed WebHDFS call:
 * - `flowfile`: the problem is this flowfile's (its path exists, is refused or is not valid):
 *   route it to failure.
 * - `cluster`: HDFS cannot take data now (unreachable, timed out, safe mode, an answer that is no
 *   WebHDFS, a server-side exception): roll back so nothing is lost, penalize, yield.
 * - `aborted`: the processor is being stopped: roll back.
 */
export type HdfsFailureKind = 'flowfile' | 'cluster' | 'aborted';

/** Sorts a WebHDFS failure by who can fix it. */
export function classifyHdfsFailure(error: WebHdfsError): HdfsFailureKind {
  const code = error.code;
  switch (code) {
    case 'exists':
    case 'not-found':
    case 'permission':
    case 'not-empty':
    case 'invalid':
      return 'flowfile';
    // Other exceptions (`remote`) are mostly the cluster's too (no live DataNode, a full disk, a
    // quota): the data waits rather than failing each flowfile in turn.
    case 'unreachable':
    case 'connection':
    case 'timeout':
    case 'unavailable':
    case 'protocol':
    case 'remote':
      return 'cluster';
    case 'aborted':
      return 'aborted';
    default: {
      const exhaustive: never = code;
      throw new Error(`Unknown WebHDFS error code ${String(exhaustive)}`);
    }
  }
}
