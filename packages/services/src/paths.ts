import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file sits in `packages/services/src` or `packages/services/dist`). */
export function repoRoot(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
}

/**
 * Where started services keep their configuration, data and logs: `.services/` at the
 * repository root (gitignored). It must not live under a world-writable directory such as
 * `/tmp`, because sshd refuses a `ChrootDirectory` with a writable parent.
 */
export function servicesDir(): string {
  return process.env.SLUICE_SERVICES_DIR ?? join(repoRoot(), '.services');
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
