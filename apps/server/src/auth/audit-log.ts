import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One audited action: who did what to what, and whether it was done. */
export interface AuditEntry {
  readonly time: number;
  readonly user: string;
  /** The API procedure, e.g. `processors.start` or `connections.emptyQueue`. */
  readonly action: string;
  readonly flowId?: string;
  /** The components acted on (ids), when the action names them. */
  readonly targets?: readonly string[];
  readonly outcome: 'done' | 'refused' | 'failed';
  /** Why it was refused or failed (masked like every answer). */
  readonly message?: string;
}

/** An audit query: newest first. */
export interface AuditQuery {
  readonly user?: string;
  readonly flowId?: string;
  /** Case-insensitive substring of the action. */
  readonly action?: string;
  readonly limit?: number;
}

/**
 * The audit log: every change, start/stop and queue emptying, by whom, appended as JSON lines to
 * `<dataDir>/audit.jsonl` and kept. Only ids and names go in: never property values, which may be
 * secrets.
 */
export class AuditLog {
  #entries: AuditEntry[] = [];
  #writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static async open(dataDir: string): Promise<AuditLog> {
    await mkdir(dataDir, { recursive: true });
    const log = new AuditLog(path.join(dataDir, 'audit.jsonl'));
    const text = await readFile(log.file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        log.#entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // A torn last line after a crash.
      }
    }
    return log;
  }

  record(entry: AuditEntry): void {
    this.#entries.push(entry);
    const line = `${JSON.stringify(entry)}\n`;
    this.#writing = this.#writing.then(() =>
      appendFile(this.file, line, { mode: 0o600 }).catch((error: unknown) =>
        console.error('could not write the audit log', error),
      ),
    );
  }

  query(query: AuditQuery = {}): AuditEntry[] {
    const action = query.action?.toLowerCase();
    const result: AuditEntry[] = [];
    for (let i = this.#entries.length - 1; i >= 0 && result.length < (query.limit ?? 200); i--) {
      const entry = this.#entries[i]!;
      if (query.user !== undefined && entry.user !== query.user) continue;
      if (query.flowId !== undefined && entry.flowId !== query.flowId) continue;
      if (action !== undefined && !entry.action.toLowerCase().includes(action)) continue;
      result.push(entry);
    }
    return result;
  }

  flush(): Promise<void> {
    return this.#writing;
  }
}
