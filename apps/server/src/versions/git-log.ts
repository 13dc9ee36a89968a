/** One committed version: who made it, when, and why. */
export interface VersionInfo {
  /** The commit's full hash: a version's id. */
  readonly hash: string;
  readonly shortHash: string;
  /** The commit message, trimmed (a first line, maybe more). */
  readonly message: string;
  readonly author: { readonly name: string; readonly email: string };
  /** When the version was committed, ISO 8601. */
  readonly date: string;
}

const FIELD = '\x1f';
const RECORD = '\x1e';

/** The `--format` of `git log` that {@link parseLog} reads: fields and records split by control characters. */
export const LOG_FORMAT = `--format=%H${FIELD}%an${FIELD}%ae${FIELD}%aI${FIELD}%B${RECORD}`;

/** The versions `git log` printed with {@link LOG_FORMAT}, newest first. */
export function parseLog(output: string): VersionInfo[] {
  return output
    .split(RECORD)
    .map((record) => record.replace(/^\n+/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [hash = '', name = '', email = '', date = '', ...message] = record.split(FIELD);
      return {
        hash,
        shortHash: hash.slice(0, 8),
        message: message.join(FIELD).trim(),
        author: { name, email },
        date,
      };
    });
}
