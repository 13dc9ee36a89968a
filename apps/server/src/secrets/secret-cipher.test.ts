import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, SecretDecryptionError } from './secret-cipher.js';

const key = randomBytes(32);

describe('encryptSecret / decryptSecret', () => {
  it('round-trips any text, and never shows it in the ciphertext', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, unit: 'grapheme' }), (text) => {
        const sealed = encryptSecret(key, text, 'f/processors/p/password');
        expect(sealed).not.toContain(text);
        expect(decryptSecret(key, sealed, 'f/processors/p/password')).toBe(text);
      }),
    );
  });

  it('uses a fresh IV each time, so equal secrets do not look equal', () => {
    expect(encryptSecret(key, 'same', 'w')).not.toBe(encryptSecret(key, 'same', 'w'));
  });

  it('refuses another key, another place, and a changed byte, naming the place', () => {
    const sealed = encryptSecret(key, 'hunter2', 'f/processors/p/password');
    expect(() => decryptSecret(randomBytes(32), sealed, 'f/processors/p/password')).toThrow(
      SecretDecryptionError,
    );
    expect(() => decryptSecret(key, sealed, 'f/processors/q/password')).toThrow(
      'Cannot decrypt the secret at f/processors/q/password',
    );
    const bytes = Buffer.from(sealed.slice('aes256gcm:v1:'.length), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    const tampered = `aes256gcm:v1:${bytes.toString('base64')}`;
    expect(() => decryptSecret(key, tampered, 'f/processors/p/password')).toThrow(
      SecretDecryptionError,
    );
    expect(() => decryptSecret(key, 'plain text', 'x')).toThrow(SecretDecryptionError);
  });
});
