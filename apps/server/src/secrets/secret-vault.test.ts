import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretDecryptionError } from './secret-cipher.js';
import { SecretVault, SecretVaultError } from './secret-vault.js';

let dir: string;
const key = randomBytes(32);
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SecretVault', () => {
  it('saves encrypted values in a 0600 file and loads them back', async () => {
    const vault = new SecretVault(dir, key);
    await vault.save('f1', new Map([['processors/p/password', 'hunter2']]));
    const file = path.join(dir, 'f1.json');
    expect(await readFile(file, 'utf8')).not.toContain('hunter2');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect([...(await vault.load('f1'))]).toEqual([['processors/p/password', 'hunter2']]);
    expect(await readdir(dir)).toEqual(['f1.json']);
  });

  it('removes the file when a flow has no secrets left, and loads none for it', async () => {
    const vault = new SecretVault(dir, key);
    await vault.save('f1', new Map([['processors/p/password', 'x']]));
    await vault.save('f1', new Map());
    expect(await readdir(dir)).toEqual([]);
    expect((await vault.load('f1')).size).toBe(0);
  });

  it('refuses another key and a file of another flow', async () => {
    await new SecretVault(dir, key).save('f1', new Map([['processors/p/password', 'x']]));
    await expect(new SecretVault(dir, randomBytes(32)).load('f1')).rejects.toThrow(
      SecretDecryptionError,
    );
    await writeFile(path.join(dir, 'f2.json'), await readFile(path.join(dir, 'f1.json')));
    await expect(new SecretVault(dir, key).load('f2')).rejects.toThrow(
      'Cannot decrypt the secret at f2/processors/p/password',
    );
  });

  it('names the file when it is not a vault file', async () => {
    await writeFile(path.join(dir, 'f1.json'), '{"version":2}');
    await expect(new SecretVault(dir, key).load('f1')).rejects.toThrow(SecretVaultError);
  });
});
