import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { servicesDir } from './paths.js';

/**
 * A fresh work directory for one test's server under `.services/test/` (not `/tmp`: sshd refuses
 * a chroot below a world-writable directory).
 */
export async function testWorkDir(name: string): Promise<string> {
  const dir = join(servicesDir(), 'test', `${name}-${process.pid}-${Date.now()}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o755 });
  return dir;
}
