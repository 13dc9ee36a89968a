import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeKey, loadSecretKey } from './secret-key.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-key-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadSecretKey', () => {
  it('creates a random key file with mode 0600 once, then reads the same key', async () => {
    const first = await loadSecretKey(dir, {});
    expect(first.source).toEqual({
      kind: 'file',
      file: path.join(dir, 'secrets.key'),
      created: true,
    });
    expect(first.key).toHaveLength(32);
    expect((await stat(path.join(dir, 'secrets.key'))).mode & 0o777).toBe(0o600);
    const second = await loadSecretKey(dir, {});
    expect(second.source).toMatchObject({ created: false });
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('tightens a key file others can read back to 0600', async () => {
    await loadSecretKey(dir, {});
    await chmod(path.join(dir, 'secrets.key'), 0o644);
    await loadSecretKey(dir, {});
    expect((await stat(path.join(dir, 'secrets.key'))).mode & 0o777).toBe(0o600);
  });

  it('takes SLUICE_SECRETS_KEY as hex or base64 and writes no file', async () => {
    const hex = 'ab'.repeat(32);
    const fromHex = await loadSecretKey(dir, { SLUICE_SECRETS_KEY: hex });
    expect(fromHex.key.toString('hex')).toBe(hex);
    expect(fromHex.source).toEqual({ kind: 'environment' });
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect((await loadSecretKey(dir, { SLUICE_SECRETS_KEY: base64 })).key).toEqual(
      Buffer.alloc(32, 7),
    );
    await expect(stat(path.join(dir, 'secrets.key'))).rejects.toThrow('ENOENT');
  });

  it('refuses a malformed key instead of making a new one', async () => {
    await expect(loadSecretKey(dir, { SLUICE_SECRETS_KEY: 'short' })).rejects.toThrow(
      'SLUICE_SECRETS_KEY must be 32 bytes',
    );
    await writeFile(path.join(dir, 'secrets.key'), 'not a key\n');
    await expect(loadSecretKey(dir, {})).rejects.toThrow(
      `The secrets key file ${path.join(dir, 'secrets.key')} does not hold a 32-byte key`,
    );
    expect(await readFile(path.join(dir, 'secrets.key'), 'utf8')).toBe('not a key\n');
  });

  it('decodes only 32-byte keys', () => {
    expect(decodeKey('00'.repeat(31))).toBeUndefined();
    expect(decodeKey(Buffer.alloc(16).toString('base64'))).toBeUndefined();
    expect(decodeKey(` ${'0f'.repeat(32)}\n`)).toHaveLength(32);
  });
});
