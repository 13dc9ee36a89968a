import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findOnPath } from '../prerequisites.js';
import { traversableByOthers } from '../paths.js';
import { ensureSystemUser, type SystemUser } from '../process/system-user.js';
import { ServiceError } from '../service-error.js';

const run = promisify(execFile);

/** The system user Elasticsearch runs as when the harness runs as root (CI and sessions do). */
export const ELASTICSEARCH_USER = 'sluice-es';

/**
 * Who runs the server: `undefined` for this process's own user, or — as root, which
 * Elasticsearch refuses ("can not run elasticsearch as root") — the `sluice-es` system user,
 * created the first time.
 */
export async function elasticsearchRunAs(): Promise<SystemUser | undefined> {
  return process.getuid?.() === 0 ? ensureSystemUser(ELASTICSEARCH_USER) : undefined;
}

/**
 * The command that starts `executable` as `user`. `setpriv` rather than `runuser`: it execs the
 * program, so the pid the harness tracks is Elasticsearch's own and a SIGTERM reaches it
 * directly (runuser stays in between and SIGKILLs its child 2 s after passing a SIGTERM on).
 */
export function commandAs(
  user: SystemUser | undefined,
  executable: string,
  args: readonly string[] = [],
): { command: string; args: string[] } {
  if (!user) return { command: executable, args: [...args] };
  const setpriv = findOnPath('setpriv') ?? '/usr/bin/setpriv';
  return {
    command: setpriv,
    args: [
      `--reuid=${user.uid}`,
      `--regid=${user.gid}`,
      '--init-groups',
      '--',
      executable,
      ...args,
    ],
  };
}

/**
 * Throws unless `user` can reach every directory in `dirs` (the distribution, the work dir): a
 * checkout below `/root` (0700) would otherwise fail deep inside Elasticsearch's start.
 */
export function requireReachableBy(user: SystemUser | undefined, dirs: readonly string[]): void {
  if (!user) return;
  for (const dir of dirs) {
    if (!traversableByOthers(dir)) {
      throw new ServiceError(
        'start-failed',
        `Elasticsearch runs as the user ${user.name}, which cannot reach ${dir} (a directory above ` +
          'it has no execute bit for others, like /root). Set SLUICE_SERVICES_DIR (work dirs) or ' +
          'SLUICE_SERVICES_CACHE (the distribution) to a directory under /var/lib or /srv.',
      );
    }
  }
}

/** Hands `dirs` (recursively) to `user`, so the server can write its data, logs and keystore. */
export async function giveTo(user: SystemUser | undefined, dirs: readonly string[]): Promise<void> {
  if (!user || dirs.length === 0) return;
  await run('chown', ['-R', `${user.uid}:${user.gid}`, ...dirs]);
}
