import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { VersionError } from './version-error.js';

/** How long git may stay silent before it is stopped. */
export interface GitTimeouts {
  /** A command on the repository itself (default 30 s: a big repository on a slow disk). */
  readonly localMs: number;
  /** A push or fetch (default 30 s): an unreachable remote must not hold a request for minutes. */
  readonly networkMs: number;
}

/** Default {@link GitTimeouts}. */
export const DEFAULT_GIT_TIMEOUTS: GitTimeouts = { localMs: 30_000, networkMs: 30_000 };

/** A git command that failed: git's own message, and whether it was stopped for its silence. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly output: string,
    readonly timedOut: boolean,
  ) {
    super(output.trim() || `git ${args[0] ?? ''} failed`);
    this.name = 'GitCommandError';
  }
}

/** The variables git is given on top of the server's environment (all of them GIT_-guarded). */
const GIT_VARIABLES = [
  'GIT_TERMINAL_PROMPT',
  'GIT_OPTIONAL_LOCKS',
  'GIT_CEILING_DIRECTORIES',
  'GIT_HTTP_LOW_SPEED_LIMIT',
  'GIT_HTTP_LOW_SPEED_TIME',
  'GIT_SSH_COMMAND',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
];

/**
 * Runs system git (through simple-git) in one repository. Every command gets: no terminal
 * prompt (a remote asking for a password fails at once instead of hanging), no optional locks
 * (a status read never takes the index lock a commit needs), a ceiling at the repository's
 * parent (git never wanders into an enclosing repository, such as a checkout `./data` sits in),
 * the C locale (git's messages are matched to explain failures), and a timeout.
 *
 * The timeout kills git, but not the transport helper git started (git-remote-http, ssh), which
 * would wait on a silent remote for minutes; so the helpers get their own limits: curl gives up
 * below 1 kB/s over the network timeout, and ssh (unless the operator set their own command, in
 * `GIT_SSH_COMMAND` or git's `core.sshCommand`) runs in batch mode with connect and keep-alive
 * timeouts.
 */
export class GitRunner {
  readonly #local: SimpleGit;
  #network: Promise<SimpleGit> | undefined;
  readonly #running = new Set<Promise<string>>();

  constructor(
    readonly dir: string,
    private readonly timeouts: GitTimeouts = DEFAULT_GIT_TIMEOUTS,
  ) {
    this.#local = this.#make(timeouts.localMs, gitEnvironment(dir, timeouts.networkMs));
  }

  #make(block: number, env: Record<string, string>): SimpleGit {
    return simpleGit({
      baseDir: this.dir,
      maxConcurrentProcesses: 4,
      timeout: { block },
      allowEnvironment: GIT_VARIABLES,
      // The ssh command is this file's own constant or the operator's (see gitEnvironment).
      unsafe: { allowUnsafeSshCommand: true },
      // simple-git fails a command only when it wrote to stderr; `rev-parse --verify --quiet`
      // and `merge-base --is-ancestor` answer "no" with a bare exit code, so any non-zero
      // exit is a failure here.
      errors: (error, result) => {
        if (error) return error;
        if (result.exitCode === 0) return undefined;
        const output = Buffer.concat(result.stdErr).toString('utf8').trim();
        return Buffer.from(output || `git exited with code ${result.exitCode}`);
      },
    }).env(env);
  }

  /**
   * The instance for remote commands, made on first use: the environment's ssh command would
   * override an operator's `core.sshCommand` (their key, their proxy), so it is left out when
   * git's config has one.
   */
  #networkGit(): Promise<SimpleGit> {
    this.#network ??= (async () => {
      const env = gitEnvironment(this.dir, this.timeouts.networkMs);
      const configured = await this.tryRun(['config', '--get', 'core.sshCommand']);
      if (configured?.trim() && !process.env.GIT_SSH_COMMAND) delete env.GIT_SSH_COMMAND;
      return this.#make(this.timeouts.networkMs, env);
    })();
    return this.#network;
  }

  /** Runs `git <args>` on the repository and resolves to its standard output. */
  run(args: readonly string[]): Promise<string> {
    return this.#raw(this.#local, args);
  }

  /** Runs a command that talks to a remote (push, fetch), under the network timeout. */
  async runNetwork(args: readonly string[]): Promise<string> {
    return this.#raw(await this.#networkGit(), args);
  }

  /** Runs `git <args>`, resolving to null instead of failing (for "does this exist" reads). */
  async tryRun(args: readonly string[]): Promise<string | null> {
    try {
      return await this.run(args);
    } catch (error) {
      if (error instanceof GitCommandError && !error.timedOut) return null;
      throw error;
    }
  }

  /**
   * Resolves once no git command of this runner is running: the server waits for it on close,
   * so no git process is left writing in the repository (holding `config.lock` or `index.lock`
   * against the next start, or filling a directory being removed).
   */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  async #raw(git: SimpleGit, args: readonly string[]): Promise<string> {
    // No argument of a process can carry a NUL byte: Node would refuse the spawn with a
    // TypeError, which is a wrong input, not git failing.
    if (args.some((arg) => arg.includes('\0'))) {
      throw new VersionError(
        'BAD_INPUT',
        `git ${args[0] ?? ''} cannot take a NUL character (\\u0000) in its input`,
      );
    }
    const command = git.raw([...args]);
    this.#running.add(command);
    try {
      return await command;
    } catch (error) {
      throw toGitError(args, error);
    } finally {
      this.#running.delete(command);
    }
  }
}

/**
 * Variables simple-git refuses to pass to git because they can make it run a program (an
 * editor, a pager, an askpass helper); git needs none of them here (messages come with `-m`).
 */
const REFUSED_VARIABLES = /^(GIT_.*|EDITOR|VISUAL|PAGER|PREFIX|SSH_ASKPASS)$/i;

/** The server's environment without the variables simple-git refuses, plus git's settings. */
function gitEnvironment(dir: string, networkMs: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !REFUSED_VARIABLES.test(key)) env[key] = value;
  }
  // Kept: what the server's operator set up for https and ssh remotes.
  for (const key of ['GIT_SSL_CAINFO', 'GIT_SSL_CAPATH', 'GIT_SSH_COMMAND']) {
    const value = process.env[key];
    if (value) env[key] = value;
  }
  const seconds = Math.max(1, Math.ceil(networkMs / 1000));
  return {
    GIT_SSH_COMMAND: `ssh -o BatchMode=yes -o ConnectTimeout=${seconds} -o ServerAliveInterval=${Math.max(1, Math.ceil(seconds / 3))} -o ServerAliveCountMax=3`,
    ...env,
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_CEILING_DIRECTORIES: path.dirname(path.resolve(dir)),
    GIT_HTTP_LOW_SPEED_LIMIT: '1000',
    GIT_HTTP_LOW_SPEED_TIME: `${seconds}`,
  };
}

function toGitError(args: readonly string[], error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/\bENOENT\b|spawn git/i.test(message) && !/fatal:|error:/.test(message)) {
    return new VersionError(
      'GIT_MISSING',
      'Versioning needs git on this machine, and it was not found; install git (e.g. apt-get install git) and try again',
    );
  }
  // simple-git's timeout plugin kills the process and says so in its message.
  const timedOut = /timeout|timed out|block/i.test(message) && !/fatal:|error:/.test(message);
  return new GitCommandError(args, message, timedOut);
}
