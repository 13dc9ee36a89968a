import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ServiceError } from '../service-error.js';

const run = promisify(execFile);

/** The name and numeric ids of a system user a service runs as. */
export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

/** How `ensureSystemUser` creates a user it does not find. */
export interface SystemUserOptions {
  /** The user's home directory in /etc/passwd (never created); `/nonexistent` unless given. */
  homeDir?: string;
  /** Whether useradd makes a group of the same name for it (`--user-group`); true unless given. */
  ownGroup?: boolean;
}

/**
 * Makes sure the system user `name` exists — no home, no login shell — creating it with
 * `useradd --system` the first time. Needs root.
 */
export async function ensureSystemUser(
  name: string,
  { homeDir = '/nonexistent', ownGroup = true }: SystemUserOptions = {},
): Promise<SystemUser> {
  return withUserDatabaseRetries(`create the system user ${name} with useradd`, async () => {
    const existing = await systemUser(name);
    if (existing) return existing;
    await run('useradd', [
      '--system',
      ...(ownGroup ? ['--user-group'] : []),
      '--no-create-home',
      '--home-dir',
      homeDir,
      '--shell',
      '/usr/sbin/nologin',
      name,
    ]);
    const created = await systemUser(name);
    if (!created) throw new Error('the user does not exist after useradd');
    return created;
  });
}

/**
 * Runs `step`, a change to /etc/passwd or /etc/shadow, up to five times. Test files start their
 * servers in parallel, and useradd/chpasswd lock those files: a concurrent run can fail with
 * "cannot lock /etc/passwd". The last failure becomes a `start-failed` error saying what `step`
 * was for.
 */
export async function withUserDatabaseRetries<T>(what: string, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 5) {
        throw new ServiceError('start-failed', `Could not ${what}: ${(error as Error).message}`);
      }
      await new Promise((done) => setTimeout(done, 200 * attempt));
    }
  }
}

/** The user `name`, or `undefined` when there is none. */
export async function systemUser(name: string): Promise<SystemUser | undefined> {
  try {
    const uid = Number((await run('id', ['-u', name])).stdout.trim());
    const gid = Number((await run('id', ['-g', name])).stdout.trim());
    return { name, uid, gid };
  } catch {
    return undefined;
  }
}
