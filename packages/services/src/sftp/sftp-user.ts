import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ServiceError } from '../service-error.js';

const run = promisify(execFile);

/** The numeric ids of a system user. */
export interface UserIds {
  uid: number;
  gid: number;
}

/**
 * Makes sure the dedicated SFTP login `user` exists with `password`: a system user without a
 * shell or home, created with `useradd` the first time. Needs root — sshd can only log in a user
 * other than the one running it when it runs as root, and the password goes to /etc/shadow.
 */
export async function ensureSftpUser(user: string, password: string): Promise<UserIds> {
  if (process.getuid?.() !== 0) {
    throw new ServiceError(
      'needs-root',
      `The private SFTP server logs in a dedicated user (${user}) and chroots it, which needs root ` +
        `(CI runs as root). Run as root, or use the sftp service of docker/compose.yml.`,
    );
  }
  // Test files start their own servers in parallel, and useradd/chpasswd lock /etc/passwd and
  // /etc/shadow: a concurrent run can fail with "cannot lock", so each step is retried.
  const ids = await withRetries(`create the SFTP user ${user}`, async () => {
    const existing = await idsOf(user);
    if (existing) return existing;
    await run('useradd', [
      '--system',
      '--no-create-home',
      '--home-dir',
      '/',
      '--shell',
      '/usr/sbin/nologin',
      user,
    ]);
    const created = await idsOf(user);
    if (!created) throw new Error('the user does not exist after useradd');
    return created;
  });
  await withRetries(`set the password of ${user}`, () => setPassword(user, password));
  return ids;
}

function setPassword(user: string, password: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = execFile('chpasswd', (error) => (error ? reject(error) : resolve()));
    child.stdin?.end(`${user}:${password}\n`);
  });
}

async function withRetries<T>(what: string, step: () => Promise<T>): Promise<T> {
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

async function idsOf(user: string): Promise<UserIds | undefined> {
  try {
    const uid = Number((await run('id', ['-u', user])).stdout.trim());
    const gid = Number((await run('id', ['-g', user])).stdout.trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}
