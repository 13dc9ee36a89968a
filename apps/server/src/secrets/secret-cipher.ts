import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Marks an encrypted value and its format version. */
const PREFIX = 'aes256gcm:v1:';

/** A value that cannot be decrypted: another key, or a changed file. */
export class SecretDecryptionError extends Error {
  constructor(readonly where: string) {
    super(
      `Cannot decrypt the secret at ${where}: it was encrypted with another key or has been changed`,
    );
    this.name = 'SecretDecryptionError';
  }
}

/**
 * Encrypts one value with AES-256-GCM and a fresh 96-bit IV. `where` (e.g. `flow/processor/key`)
 * is bound as associated data, so a ciphertext moved to another place fails to decrypt.
 */
export function encryptSecret(key: Buffer, plaintext: string, where: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(where));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Decrypts a value {@link encryptSecret} made for the same `where`. */
export function decryptSecret(key: Buffer, sealed: string, where: string): string {
  if (!sealed.startsWith(PREFIX)) throw new SecretDecryptionError(where);
  const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretDecryptionError(where);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(where));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SecretDecryptionError(where);
  }
}
