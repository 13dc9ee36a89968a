import { GitCommandError } from './git-runner.js';
import { redactInText, redactRemoteUrl } from './remote-url.js';
import { VersionError } from './version-error.js';

/** What was being done with the remote when it failed. */
export type RemoteAction = 'push' | 'pull';

const UNREACHABLE =
  /could not resolve|failed to connect|connection refused|connection timed out|timed out|network is unreachable|no route to host|does not appear to be a git repository|could not read from remote|unable to access|not found|no such file|connection reset|closed by remote|early eof|ssl/i;
const CREDENTIALS =
  /authentication failed|permission denied|could not read username|terminal prompts disabled|requested url returned error: 40[13]|host key verification failed/i;
const REJECTED = /\[rejected\]|non-fast-forward|fetch first|updates were rejected/i;

/**
 * A failed push or pull as an error a person can act on: which remote (its URL without
 * credentials), what went wrong in a few words, git's own line, and that nothing was lost.
 */
export function remoteFailure(
  action: RemoteAction,
  url: string,
  error: unknown,
  timeoutMs: number,
): Error {
  if (!(error instanceof GitCommandError))
    return error instanceof Error ? error : new Error(String(error));
  const where = `${action === 'push' ? 'Push to' : 'Pull from'} remote 'origin' (${redactRemoteUrl(url)})`;
  const kept =
    action === 'push'
      ? 'Nothing was lost: every version is kept here; push again when the remote is back'
      : 'Nothing was changed here';
  if (error.timedOut) {
    return new VersionError(
      'REMOTE_TIMEOUT',
      `${where} timed out: the remote did not answer within ${Math.round(timeoutMs / 1000)} s. ${kept}.`,
    );
  }
  const detail = redactInText(gitReason(error.output), url);
  if (action === 'push' && REJECTED.test(error.output)) {
    return new VersionError(
      'DIVERGED',
      `${where} was refused: the remote has versions this server does not have. Pull first, then push (${detail}).`,
    );
  }
  if (CREDENTIALS.test(error.output)) {
    return new VersionError(
      'REMOTE_UNREACHABLE',
      `${where} failed: the remote refused access (${detail}). Check the URL and the credentials of the server's git (credential helper, SSH key). ${kept}.`,
    );
  }
  if (UNREACHABLE.test(error.output)) {
    return new VersionError(
      'REMOTE_UNREACHABLE',
      `${where} failed: the remote cannot be reached (${detail}). ${kept}.`,
    );
  }
  return new VersionError('GIT_FAILED', `${where} failed: ${detail}. ${kept}.`);
}

/** The line of git's output that says what went wrong, without its `fatal:` prefix. */
export function gitReason(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const telling =
    lines.find(
      (line) => /^(fatal|error|ssh):/i.test(line) && !/failed to push some refs/i.test(line),
    ) ??
    lines[0] ??
    'git gave no reason';
  return telling.replace(/^(fatal|error):\s*/i, '');
}
