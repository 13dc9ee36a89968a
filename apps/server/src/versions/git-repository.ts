import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GitRunner } from './git-runner.js';

/** Who commits (and authors, unless a commit names someone else). */
export interface GitIdentity {
  readonly name: string;
  readonly email: string;
}

/** The committer when nothing else is configured. */
export const DEFAULT_COMMITTER: GitIdentity = { name: 'Sluice', email: 'sluice@localhost' };

/** The branch a new repository starts on. */
export const DEFAULT_BRANCH = 'main';

/**
 * Makes the flows directory a git repository of its own if it is not one yet, and sets what
 * Sluice's commits rely on in the repository's own config (never the user's global one):
 *
 * - a committer identity: the one given, else the repository's own if it has one, else Sluice's;
 * - no commit signing (a signing key asking for its passphrase would hang a commit);
 * - no line-ending conversion, so a committed flow is byte for byte what the serializer wrote;
 * - the flow store's temporary files ignored, so they never show as untracked.
 */
export async function ensureRepository(
  git: GitRunner,
  committer: GitIdentity | undefined,
): Promise<void> {
  const dir = git.dir;
  await mkdir(dir, { recursive: true });
  if (!existsSync(path.join(dir, '.git'))) {
    await git.run(['init', '--quiet']);
    // Set by hand rather than with `init -b` (git 2.28+), so older gits work too.
    await git.run(['symbolic-ref', 'HEAD', `refs/heads/${DEFAULT_BRANCH}`]);
  }
  const local = async (key: string) =>
    (await git.tryRun(['config', '--local', '--get', key]))?.trim() || undefined;
  const identity = committer ?? {
    name: (await local('user.name')) ?? DEFAULT_COMMITTER.name,
    email: (await local('user.email')) ?? DEFAULT_COMMITTER.email,
  };
  // Written only when different: each write takes `config.lock`, and a start should not.
  const settings: [string, string][] = [
    ['user.name', identity.name],
    ['user.email', identity.email],
    ['commit.gpgsign', 'false'],
    ['core.autocrlf', 'false'],
  ];
  for (const [key, value] of settings) {
    if ((await local(key)) !== value) await git.run(['config', '--local', key, value]);
  }
  const exclude = path.join(dir, '.git', 'info', 'exclude');
  const excluded = existsSync(exclude) ? await readFile(exclude, 'utf8') : '';
  if (!excluded.split('\n').includes('*.tmp')) {
    await mkdir(path.dirname(exclude), { recursive: true });
    await appendFile(
      exclude,
      `${excluded.endsWith('\n') || excluded === '' ? '' : '\n'}# Sluice's flow store writes here first, then renames\n*.tmp\n`,
    );
  }
}

/** The branch HEAD is on (also before its first commit). */
export async function currentBranch(git: GitRunner): Promise<string> {
  return (await git.tryRun(['symbolic-ref', '--short', 'HEAD']))?.trim() || DEFAULT_BRANCH;
}

/** Whether the repository has a commit yet. */
export async function hasCommits(git: GitRunner): Promise<boolean> {
  return (await git.tryRun(['rev-parse', '--verify', '--quiet', 'HEAD'])) !== null;
}
