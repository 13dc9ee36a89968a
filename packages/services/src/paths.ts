import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file sits in `packages/services/src` or `packages/services/dist`). */
export function repoRoot(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
}

/**
 * Where started services keep their configuration, data and logs: `$SLUICE_SERVICES_DIR`, else
 * `.services/` at the repository root (gitignored). sshd refuses a `ChrootDirectory` below a
 * directory that is not root-owned or is group/world-writable, so a checkout under such a place
 * (a clone in `/tmp`) keeps its services in the cache directory instead, one folder per checkout.
 */
export function servicesDir(): string {
  if (process.env.SLUICE_SERVICES_DIR) return process.env.SLUICE_SERVICES_DIR;
  const root = repoRoot();
  if (ownedByRootAllTheWay(root)) return join(root, '.services');
  const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
  return join(cacheDir(), 'run', checkout);
}

/**
 * Whether `dir` and every directory above it are owned by root and not writable by group or
 * others (what sshd asks of a chroot's parents). `stat` is injectable for tests.
 */
export function ownedByRootAllTheWay(
  dir: string,
  stat: (path: string) => { uid: number; mode: number } = statSync,
): boolean {
  for (let current = dir; ; current = dirname(current)) {
    let info: { uid: number; mode: number };
    try {
      info = stat(current);
    } catch {
      return false;
    }
    if (info.uid !== 0 || (info.mode & 0o022) !== 0) return false;
    if (current === dirname(current)) return true;
  }
}

/**
 * Where downloaded runtimes (Kafka's jars) are cached between runs:
 * `$SLUICE_SERVICES_CACHE`, else `$XDG_CACHE_HOME/sluice-services`, else `~/.cache/sluice-services`.
 */
export function cacheDir(): string {
  if (process.env.SLUICE_SERVICES_CACHE) return process.env.SLUICE_SERVICES_CACHE;
  const xdg = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(xdg, 'sluice-services');
}
