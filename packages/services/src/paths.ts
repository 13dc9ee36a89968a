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
 * directory that is not root-owned or is group/world-writable, and reads the test user's
 * authorized keys as that user, so a checkout under such a place (a clone in `/tmp`) keeps its
 * services, when run as root, in `/var/lib/sluice-services/run/<checkout>` (root-owned and
 * readable all the way down), else in the cache directory.
 */
export function servicesDir(): string {
  if (process.env.SLUICE_SERVICES_DIR) return process.env.SLUICE_SERVICES_DIR;
  const root = repoRoot();
  if (ownedByRootAllTheWay(root)) return join(root, '.services');
  const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const base = process.getuid?.() === 0 ? '/var/lib/sluice-services' : cacheDir();
  return join(base, 'run', checkout);
}

/**
 * Whether `dir` and every directory above it are owned by root, not writable by group or others
 * (what sshd asks of a chroot's parents) and readable by others (sshd reads the test user's keys
 * as that user). `stat` is injectable for tests.
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
    // Root-owned, not writable by group or others, and open to others (sshd reads keys as the user).
    if (info.uid !== 0 || (info.mode & 0o022) !== 0 || (info.mode & 0o005) !== 0o005) return false;
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

/**
 * Where to cache a runtime that a service's own system user must read: Elasticsearch refuses to
 * run as root, so as root it runs as `sluice-es`, which cannot enter `~/.cache` under `/root`
 * (mode 0700). As root, that is {@link cacheDir} when others can pass through every directory
 * above it, else `/var/lib/sluice-services/cache`; otherwise the service runs as this user and
 * {@link cacheDir} is fine.
 */
export function cacheDirReadableByOthers(): string {
  const dir = cacheDir();
  if (process.getuid?.() !== 0 || traversableByOthers(dir)) return dir;
  return join('/var/lib/sluice-services', 'cache');
}

/**
 * Whether a user other than the owner can pass through every existing directory from `dir` up
 * to `/` (the "others" execute bit). Directories that do not exist yet are skipped: the harness
 * creates them with mode 0755. `stat` is injectable for tests.
 */
export function traversableByOthers(
  dir: string,
  stat: (path: string) => { mode: number } = statSync,
): boolean {
  for (let current = dir; ; current = dirname(current)) {
    let info: { mode: number } | undefined;
    try {
      info = stat(current);
    } catch {
      info = undefined;
    }
    if (info && (info.mode & 0o001) === 0) return false;
    if (current === dirname(current)) return true;
  }
}
