import { execFile } from 'node:child_process';
import {
  ensureSystemUser,
  withUserDatabaseRetries,
  type SystemUser,
} from '../process/system-user.js';
import { ServiceError } from '../service-error.js';

/**
 * Makes sure the dedicated SFTP login `user` exists with `password`: a system user without a
 * shell or home, created with `useradd` the first time. Needs root — sshd can only log in a user
 * other than the one running it when it runs as root, and the password goes to /etc/shadow.
 */
export async function ensureSftpUser(user: string, password: string): Promise<SystemUser> {
  if (process.getuid?.() !== 0) {
    throw new ServiceError(
      'needs-root',
      `The private SFTP server logs in a dedicated user (${user}) and chroots it, which needs root ` +
        `(CI runs as root). Run as root, or use the sftp service of docker/compose.yml.`,
    );
  }
  const ids = await ensureSystemUser(user, { homeDir: '/', ownGroup: false });
  await withUserDatabaseRetries(`set the password of ${user}`, () => setPassword(user, password));
  return ids;
}

function setPassword(user: string, password: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = execFile('chpasswd', (error) => (error ? reject(error) : resolve()));
    child.stdin?.end(`${user}:${password}\n`);
  });
}
