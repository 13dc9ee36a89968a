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

/**
 * Makes sure the system user `name` exists — no home, no login shell, its own group — creating it
 * with `useradd --system` the first time. Needs root.
 */
export async function ensureSystemUser(name: string): Promise<SystemUser> {
  // Test files start their servers in parallel, and useradd locks /etc/passwd: a concurrent run
  // can fail with "cannot lock /etc/passwd", so the step is retried.
  for (let attempt = 1; ; attempt++) {
    try {
      const existing = await systemUser(name);
      if (existing) return existing;
      await run('useradd', [
        '--system',
        '--user-group',
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--shell',
        '/usr/sbin/nologin',
        name,
      ]);
      const created = await systemUser(name);
      if (!created) throw new Error('the user does not exist after useradd');
      return created;
    } catch (error) {
      if (attempt >= 5) {
        throw new ServiceError(
          'start-failed',
          `Could not create the system user ${name} with useradd: ${(error as Error).message}`,
        );
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
