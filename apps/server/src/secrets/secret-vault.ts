import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readIfExists, writePrivateFile } from '../files/private-file.js';
import { decryptSecret, encryptSecret } from './secret-cipher.js';
import type { FlowSecrets } from './flow-secrets.js';

const vaultFileSchema = z.strictObject({
  version: z.literal(1),
  values: z.record(z.string(), z.string()),
});

/** A vault file that cannot be used, with the file and the reason. */
export class SecretVaultError extends Error {
  constructor(file: string, reason: string) {
    super(`Cannot read the secrets of ${file}: ${reason}`);
    this.name = 'SecretVaultError';
  }
}

/**
 * Secrets at rest: one file per flow under `dir` (mode 0600), each value encrypted on its own with
 * AES-256-GCM, bound to its flow and place. Flow files stay free of secrets (and so does git);
 * the vault puts them back when the flows are read.
 */
export class SecretVault {
  readonly #key: Buffer;

  constructor(
    readonly dir: string,
    key: Buffer,
  ) {
    this.#key = key;
  }

  /** Saves a flow's secrets, replacing what was saved; no secrets means no file. */
  async save(flowId: string, secrets: FlowSecrets): Promise<void> {
    const file = this.#file(flowId);
    if (secrets.size === 0) {
      await rm(file, { force: true });
      return;
    }
    const values: Record<string, string> = {};
    for (const [where, value] of [...secrets].sort(([a], [b]) => (a < b ? -1 : 1))) {
      values[where] = encryptSecret(this.#key, value, `${flowId}/${where}`);
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writePrivateFile(file, `${JSON.stringify({ version: 1, values }, null, 2)}\n`);
  }

  /** A flow's secrets, decrypted; none when the flow has no vault file. */
  async load(flowId: string): Promise<FlowSecrets> {
    const file = this.#file(flowId);
    const text = await readIfExists(file);
    if (text === undefined) return new Map();
    let parsed: z.infer<typeof vaultFileSchema>;
    try {
      parsed = vaultFileSchema.parse(JSON.parse(text));
    } catch {
      throw new SecretVaultError(file, 'it is not a Sluice secrets file (version 1)');
    }
    const secrets = new Map<string, string>();
    for (const [where, sealed] of Object.entries(parsed.values)) {
      secrets.set(where, decryptSecret(this.#key, sealed, `${flowId}/${where}`));
    }
    return secrets;
  }

  async remove(flowId: string): Promise<void> {
    await rm(this.#file(flowId), { force: true });
  }

  #file(flowId: string): string {
    return path.join(this.dir, `${flowId}.json`);
  }
}
