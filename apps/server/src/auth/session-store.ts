import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { readIfExists, writePrivateFile } from '../files/private-file.js';

/** How long a session lasts without use. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

const sessionSchema = z.strictObject({
  tokenHash: z.string(),
  username: z.string(),
  expires: z.number(),
});
const sessionsFileSchema = z.strictObject({
  version: z.literal(1),
  sessions: z.array(sessionSchema),
});
type Session = z.infer<typeof sessionSchema>;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Login sessions: random 256-bit tokens (the cookie's value), kept only as SHA-256 hashes in
 * `<dataDir>/sessions.json` (mode 0600), so a copy of the file logs nobody in and a restart
 * logs nobody out. A session expires after {@link SESSION_IDLE_MS} without use.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  #writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly now: () => number,
  ) {}

  static async open(dataDir: string, now: () => number = Date.now): Promise<SessionStore> {
    const store = new SessionStore(path.join(dataDir, 'sessions.json'), now);
    const text = await readIfExists(store.file);
    const parsed = text === undefined ? undefined : sessionsFileSchema.safeParse(JSON.parse(text));
    // An unreadable sessions file only means everyone logs in again.
    for (const session of parsed?.success ? parsed.data.sessions : []) {
      if (session.expires > now()) store.#sessions.set(session.tokenHash, session);
    }
    return store;
  }

  /** Starts a session; returns its token, to be sent once as the cookie. */
  async create(username: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    this.#sessions.set(tokenHash, { tokenHash, username, expires: this.now() + SESSION_IDLE_MS });
    await this.#save();
    return token;
  }

  /** The user of a live session (and the session is extended), or undefined. */
  resolve(token: string): string | undefined {
    const session = this.#sessions.get(hashToken(token));
    if (!session) return undefined;
    if (session.expires <= this.now()) {
      this.#sessions.delete(session.tokenHash);
      return undefined;
    }
    const expires = this.now() + SESSION_IDLE_MS;
    // Saved when it moved by a minute or more: not a disk write per request.
    if (expires - session.expires > 60_000) {
      this.#sessions.set(session.tokenHash, { ...session, expires });
      void this.#save().catch(() => undefined);
    }
    return session.username;
  }

  async end(token: string): Promise<void> {
    if (this.#sessions.delete(hashToken(token))) await this.#save();
  }

  /** Ends every session of a user (removed, or given a new password). */
  async endAll(username: string): Promise<void> {
    for (const [hash, session] of this.#sessions) {
      if (session.username === username) this.#sessions.delete(hash);
    }
    await this.#save();
  }

  #save(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    const text = `${JSON.stringify({ version: 1, sessions })}\n`;
    this.#writing = this.#writing.then(() => writePrivateFile(this.file, text));
    return this.#writing;
  }
}
