import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Creates a fresh directory under the system temp dir (override with `SLUICE_BENCH_TMP`). */
export function makeTempDir(prefix: string): Promise<string> {
  const root = process.env['SLUICE_BENCH_TMP'] ?? os.tmpdir();
  return mkdtemp(path.join(root, `sluice-bench-${prefix}-`));
}

/** Removes a directory tree made by {@link makeTempDir}. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}
