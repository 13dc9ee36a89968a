import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Bytes of an AES-256 key. */
export const KEY_BYTES = 32;

/** The environment variable that may hold the key, as 64 hex digits or 44 base64 characters. */
export const KEY_VARIABLE = 'SLUICE_SECRETS_KEY';

/** Where the key came from, for the start-up log (never the key itself). */
export type KeySource =
  | { readonly kind: 'environment' }
  | { readonly kind: 'file'; readonly file: string; readonly created: boolean };

/** The key that encrypts secrets at rest, and where it came from. */
export interface SecretKey {
  readonly key: Buffer;
  readonly source: KeySource;
}

/** A key that cannot be used, with what is wrong and where. */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/** Decodes a key written as hex or base64; undefined when it is neither or not 32 bytes. */
export function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed, 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  return undefined;
}

/**
 * The secrets key: from `SLUICE_SECRETS_KEY` when set, else from `<dataDir>/secrets.key`, created
 * with 32 random bytes and mode 0600 on first use. A file readable by others is tightened to 0600
 * (it may have been copied with a loose umask). A malformed key is refused, never replaced: a new
 * key would make every stored secret unreadable.
 */
export async function loadSecretKey(
  dataDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<SecretKey> {
  const fromEnv = env[KEY_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== '') {
    const key = decodeKey(fromEnv);
    if (!key) {
      throw new SecretKeyError(
        `${KEY_VARIABLE} must be 32 bytes written as 64 hex digits or base64 (e.g. the output of 'openssl rand -hex 32')`,
      );
    }
    return { key, source: { kind: 'environment' } };
  }
  const file = path.join(dataDir, 'secrets.key');
  await mkdir(dataDir, { recursive: true });
  const created = await writeFile(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, {
    flag: 'wx',
    mode: 0o600,
  }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false;
      throw error;
    },
  );
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  const key = decodeKey(await readFile(file, 'utf8'));
  if (!key) {
    throw new SecretKeyError(
      `The secrets key file ${file} does not hold a 32-byte key as 64 hex digits; restore it from a backup (secrets saved with another key cannot be read)`,
    );
  }
  return { key, source: { kind: 'file', file, created } };
}
