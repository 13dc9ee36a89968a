import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sensitivityOf, type ProcessorRegistry } from '@sluice/engine';
import {
  safeParseFlowDocument,
  serializeFlowDocument,
  type FlowDocument,
  type FlowIssue,
} from '@sluice/flow-schema';
import {
  collectSecrets,
  restoreSecrets,
  type IsSensitiveProperty,
} from '../secrets/flow-secrets.js';
import type { SecretVault } from '../secrets/secret-vault.js';

/** A saved flow that could not be read back, with every issue by JSON path. */
export interface UnreadableFlow {
  readonly file: string;
  readonly issues: readonly FlowIssue[];
}

/** What a directory of saved flows holds: the readable documents and the files that are not. */
export interface StoredFlows {
  readonly documents: readonly FlowDocument[];
  readonly unreadable: readonly UnreadableFlow[];
}

/** Flow ids become file names, so only ids that are safe as one are accepted. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Flows saved as `<dir>/<id>.json` through flow-schema's deterministic serializer. Sensitive
 * property values (as the registry declares them, and sensitive dynamic properties) and sensitive parameter values are never
 * written there: they go, encrypted, to the secret vault when there is one, and are put back on
 * reading. Each write goes to a temporary file renamed over the old one, so a crash never leaves
 * a half-written flow.
 */
export class FlowStore {
  constructor(
    readonly dir: string,
    private readonly registry: ProcessorRegistry,
    private readonly vault?: SecretVault,
  ) {}

  /** Whether a property of a processor or controller service holds a secret, declared or dynamic. */
  get isSensitive(): IsSensitiveProperty {
    return sensitivityOf(this.registry);
  }

  /** Whether an id can be saved (it names the file). */
  static isSafeId(id: string): boolean {
    return SAFE_ID.test(id) && id.length <= 128;
  }

  /** Reads every saved flow; files that do not parse are reported, not thrown. */
  async loadAll(): Promise<StoredFlows> {
    await mkdir(this.dir, { recursive: true });
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json')).sort();
    const documents: FlowDocument[] = [];
    const unreadable: UnreadableFlow[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      const result = safeParseFlowDocument(await readFile(file, 'utf8'));
      if (!result.ok) {
        unreadable.push({ file, issues: result.error.issues });
        continue;
      }
      try {
        const secrets = (await this.vault?.load(result.document.flow.id)) ?? new Map();
        documents.push(restoreSecrets(result.document, secrets, this.isSensitive));
      } catch (error) {
        // Opened without its secrets, the flow's next save would drop them for good: keep it shut.
        const message = error instanceof Error ? error.message : String(error);
        unreadable.push({ file, issues: [{ path: 'secrets', message }] });
      }
    }
    return { documents, unreadable };
  }

  /** Writes a flow atomically without its secrets, and the secrets to the vault. */
  async save(document: FlowDocument): Promise<void> {
    const file = this.#file(document.flow.id);
    const text = serializeFlowDocument(document, { isSensitiveProperty: this.isSensitive });
    await this.vault?.save(document.flow.id, collectSecrets(document, this.isSensitive));
    await mkdir(this.dir, { recursive: true });
    const temp = `${file}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, text, 'utf8');
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    await rm(this.#file(id), { force: true });
    await this.vault?.remove(id);
  }

  #file(id: string): string {
    if (!FlowStore.isSafeId(id)) throw new Error(`Flow id '${id}' cannot be used as a file name`);
    return path.join(this.dir, `${id}.json`);
  }
}
