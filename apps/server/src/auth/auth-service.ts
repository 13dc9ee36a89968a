import { randomBytes } from 'node:crypto';
import { AuditLog } from './audit-log.js';
import type { Role } from './roles.js';
import { SessionStore } from './session-store.js';
import { UserStore, type UserView } from './user-store.js';

/** The user behind a request. */
export interface SessionUser {
  readonly username: string;
  readonly role: Role;
}

/** The first admin, made when there is no user yet. */
export interface FirstAdmin {
  readonly username: string;
  /** Set when the password was generated: to be printed once, and never again. */
  readonly generatedPassword?: string;
}

/** Failed logins a name may have in a window before it must wait. */
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 60_000;

/** A refused login, with what a person should know (never which of name or password was wrong). */
export class LoginRefusedError extends Error {
  constructor(message = 'Wrong user name or password') {
    super(message);
    this.name = 'LoginRefusedError';
  }
}

/**
 * Users, login sessions and the audit log of a Sluice server. On the first start the admin user
 * is made from `SLUICE_ADMIN_PASSWORD` (name `SLUICE_ADMIN_USER`, default `admin`) or with a
 * generated password that {@link AuthService.firstAdmin} holds for the start-up message.
 */
export class AuthService {
  readonly #failures = new Map<string, number[]>();

  private constructor(
    readonly users: UserStore,
    readonly sessions: SessionStore,
    readonly audit: AuditLog,
    readonly firstAdmin: FirstAdmin | undefined,
  ) {}

  static async open(
    dataDir: string,
    env: Readonly<Record<string, string | undefined>> = process.env,
  ): Promise<AuthService> {
    const users = await UserStore.open(dataDir);
    let firstAdmin: FirstAdmin | undefined;
    if (users.isEmpty) {
      const username = env['SLUICE_ADMIN_USER'] || 'admin';
      const given = env['SLUICE_ADMIN_PASSWORD'];
      const password = given || randomBytes(15).toString('base64url');
      await users.add(username, 'admin', password);
      firstAdmin = given ? { username } : { username, generatedPassword: password };
    }
    const [sessions, audit] = await Promise.all([
      SessionStore.open(dataDir),
      AuditLog.open(dataDir),
    ]);
    return new AuthService(users, sessions, audit, firstAdmin);
  }

  /** Checks a password and starts a session; returns the user and the session token. */
  async login(username: string, password: string): Promise<{ user: UserView; token: string }> {
    const now = Date.now();
    const recent = (this.#failures.get(username) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
    if (recent.length >= MAX_FAILURES) {
      const wait = Math.ceil((recent[0]! + FAILURE_WINDOW_MS - now) / 1000);
      throw new LoginRefusedError(
        `Too many failed logins for '${username}'; try again in ${wait} s`,
      );
    }
    const user = await this.users.verify(username, password);
    if (!user) {
      this.#failures.set(username, [...recent, now]);
      throw new LoginRefusedError();
    }
    this.#failures.delete(username);
    return { user, token: await this.sessions.create(user.username) };
  }

  /** The user of a session token, with their role as it is now. */
  userOf(token: string | undefined): SessionUser | undefined {
    if (!token) return undefined;
    const username = this.sessions.resolve(token);
    const user = username === undefined ? undefined : this.users.get(username);
    return user ? { username: user.username, role: user.role } : undefined;
  }
}
