import { execFile } from 'node:child_process';
import { mkdtemp, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Environment variable naming an already mounted small file system, for machines that refuse `mount`. */
export const SMALL_FS_VARIABLE = 'SLUICE_FAULT_SMALL_FS';

/** A small file system for a fault test to fill; `release` unmounts what it mounted. */
export interface SmallFileSystem {
  /** An empty directory on the small file system. */
  readonly dir: string;
  /** How it was obtained, for the test's printed figures. */
  readonly kind: 'tmpfs' | 'loop ext4' | 'given';
  /** Total size of the file system in bytes. */
  readonly bytes: number;
  release(): Promise<void>;
}

/** Free bytes of the file system holding `dir` (as an unprivileged writer sees them). */
export async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

/**
 * A file system of `mebibytes` MiB: a tmpfs, else a loop-mounted ext4 image (both need root),
 * else the directory {@link SMALL_FS_VARIABLE} names. Never a silent fallback to the main disk:
 * when none of these is possible it throws, saying what to do.
 */
export async function smallFileSystem(mebibytes: number): Promise<SmallFileSystem> {
  const given = process.env[SMALL_FS_VARIABLE];
  const mountPoint = await mkdtemp(path.join(tmpdir(), 'sluice-small-fs-'));
  const problems: string[] = [];
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${mebibytes}m`, 'tmpfs', mountPoint]);
    return await mounted(mountPoint, 'tmpfs', async () => {});
  } catch (error) {
    problems.push(`mount -t tmpfs: ${messageOf(error)}`);
  }
  const image = `${mountPoint}.img`;
  try {
    await run('truncate', ['-s', `${mebibytes}M`, image]);
    await run('mkfs.ext4', ['-q', '-F', image]);
    await run('mount', ['-o', 'loop', image, mountPoint]);
    return await mounted(mountPoint, 'loop ext4', () => rm(image, { force: true }));
  } catch (error) {
    problems.push(`mount -o loop: ${messageOf(error)}`);
    await rm(image, { force: true });
  }
  await rm(mountPoint, { recursive: true, force: true });
  if (given !== undefined) {
    const stats = await statfs(given);
    const bytes = stats.blocks * stats.bsize;
    if (bytes > 512 * 1024 * 1024) {
      throw new Error(
        `${SMALL_FS_VARIABLE}=${given} is ${bytes} bytes; give a file system of at most 512 MiB`,
      );
    }
    const dir = await mkdtemp(path.join(given, 'sluice-disk-full-'));
    return { dir, kind: 'given', bytes, release: () => rm(dir, { recursive: true, force: true }) };
  }
  throw new Error(
    `The disk-full test needs a small file system and could not mount one (${problems.join('; ')}). ` +
      `Run it as root (CI does), or mount a small file system yourself and name it in ${SMALL_FS_VARIABLE}.`,
  );
}

async function mounted(
  mountPoint: string,
  kind: SmallFileSystem['kind'],
  cleanUp: () => Promise<void>,
): Promise<SmallFileSystem> {
  const stats = await statfs(mountPoint);
  return {
    dir: mountPoint,
    kind,
    bytes: stats.blocks * stats.bsize,
    async release() {
      // Lazy: a handle a failed test left open must not keep the mount (and the test run) alive.
      await run('umount', ['-l', mountPoint]);
      await rm(mountPoint, { recursive: true, force: true });
      await cleanUp();
    },
  };
}

function messageOf(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  if (typeof stderr === 'string' && stderr.trim() !== '') return stderr.trim();
  return error instanceof Error ? error.message : String(error);
}
