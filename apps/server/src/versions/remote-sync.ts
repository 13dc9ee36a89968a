import { DEFAULT_GIT_TIMEOUTS } from './git-runner.js';
import { currentBranch, hasCommits } from './git-repository.js';
import type { FlowVersions } from './flow-versions.js';
import { remoteFailure } from './remote-errors.js';
import { redactRemoteUrl, remoteUrlProblem } from './remote-url.js';
import { VersionError } from './version-error.js';

/** The one remote Sluice pushes to and pulls from. */
export const REMOTE = 'origin';

/** The configured remote as it may be shown, and how far apart the histories were last seen. */
export interface RemoteInfo {
  /** The remote's URL without credentials, or null when none is configured. */
  readonly url: string | null;
  readonly branch: string;
  /** Versions here that the remote did not have at the last push or pull (null: never seen). */
  readonly ahead: number | null;
  /** Versions on the remote not here, as of the last pull (null: never seen). */
  readonly behind: number | null;
}

/** What a push did. */
export interface PushResult {
  readonly remote: string;
  readonly branch: string;
  /** How many versions the remote received (0: it had them all). */
  readonly pushed: number;
}

/**
 * Remote operations on a {@link FlowVersions} repository: configure the remote, push. Pull is in
 * `remote-pull.ts`. Network commands run under the network timeout.
 */
export class RemoteSync {
  constructor(
    readonly versions: FlowVersions,
    readonly timeoutMs: number = DEFAULT_GIT_TIMEOUTS.networkMs,
  ) {}

  /** The raw URL of the remote (with credentials, never to be shown), or null. */
  async rawUrl(): Promise<string | null> {
    await this.versions.ready();
    return (await this.versions.git.tryRun(['remote', 'get-url', REMOTE]))?.trim() || null;
  }

  /** The remote's URL and how far apart the histories were last seen. */
  async info(): Promise<RemoteInfo> {
    const url = await this.rawUrl();
    const git = this.versions.git;
    const branch = await currentBranch(git);
    const tracking = `refs/remotes/${REMOTE}/${branch}`;
    const seen = url !== null && (await git.tryRun(['rev-parse', '--verify', '--quiet', tracking]));
    let ahead: number | null = null;
    let behind: number | null = null;
    if (seen && (await hasCommits(git))) {
      const counts = await git.run(['rev-list', '--left-right', '--count', `HEAD...${tracking}`]);
      const [left, right] = counts.trim().split(/\s+/).map(Number);
      ahead = left ?? null;
      behind = right ?? null;
    } else if (url !== null && (await hasCommits(git))) {
      ahead = Number((await git.run(['rev-list', '--count', 'HEAD'])).trim());
    }
    return { url: url === null ? null : redactRemoteUrl(url), branch, ahead, behind };
  }

  /** Sets the remote's URL (null removes it). The URL is checked first; see remoteUrlProblem. */
  async setUrl(url: string | null): Promise<RemoteInfo> {
    if (url !== null) {
      const problem = remoteUrlProblem(url);
      if (problem) throw new VersionError('BAD_INPUT', `Cannot use this remote: ${problem}`);
    }
    return this.versions.exclusive(async () => {
      const current = await this.rawUrl();
      const git = this.versions.git;
      // remoteUrlProblem refused anything starting with "-": git cannot take the URL for an option.
      if (url === null) {
        if (current !== null) await git.run(['remote', 'remove', REMOTE]);
      } else if (current === null) {
        await git.run(['remote', 'add', REMOTE, url]);
      } else if (current !== url) {
        await git.run(['remote', 'set-url', REMOTE, url]);
        // What was fetched from the old remote says nothing about the new one.
        const branch = await currentBranch(git);
        await git.tryRun(['update-ref', '-d', `refs/remotes/${REMOTE}/${branch}`]);
      }
      return this.info();
    });
  }

  /** The raw URL, or NO_REMOTE saying how to set one. */
  async requireUrl(action: 'push' | 'pull'): Promise<string> {
    const url = await this.rawUrl();
    if (url === null) {
      throw new VersionError(
        'NO_REMOTE',
        `No remote is configured to ${action} ${action === 'push' ? 'to' : 'from'}; set the remote URL first`,
      );
    }
    return url;
  }

  /**
   * Pushes the branch to the remote. Refused with DIVERGED when the remote has versions this
   * server does not (pull first); an unreachable remote is an error naming it, and nothing here
   * changes either way.
   */
  push(): Promise<PushResult> {
    return this.versions.exclusive(async () => {
      const url = await this.requireUrl('push');
      const git = this.versions.git;
      const branch = await currentBranch(git);
      if (!(await hasCommits(git))) {
        throw new VersionError('BAD_INPUT', 'Nothing to push: no version has been committed yet');
      }
      const before = (await this.info()).ahead ?? 0;
      try {
        await git.runNetwork([
          'push',
          '--quiet',
          REMOTE,
          `refs/heads/${branch}:refs/heads/${branch}`,
        ]);
      } catch (error) {
        throw remoteFailure('push', url, error, this.timeoutMs);
      }
      const after = (await this.info()).ahead ?? 0;
      return { remote: redactRemoteUrl(url), branch, pushed: Math.max(0, before - after) };
    });
  }
}
