import path from 'node:path';
import { z } from 'zod';
import { readIfExists, writePrivateFile } from '../files/private-file.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { roleSchema, type Role } from './roles.js';

const userSchema = z.strictObject({
  username: z.string(),
  role: roleSchema,
  passwordHash: z.string(),
  created: z.number(),
});
const usersFileSchema = z.strictObject({ version: z.literal(1), users: z.array(userSchema) });

/** A user as stored: never the password, only its scrypt hash. */
export type StoredUser = z.infer<typeof userSchema>;

/** A user as the API shows it. */
export interface UserView {
  readonly username: string;
  readonly role: Role;
  readonly created: number;
}

/** A user name: what a person types to log in. */
export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'A user needs a name')
  .max(64)
  .regex(/^[\p{L}\p{N}._@-]+$/u, "User names may hold letters, digits, '.', '_', '@' and '-'");

/** A new password: long enough to be worth hashing. */
export const passwordSchema = z
  .string()
  .min(8, 'A password needs at least 8 characters')
  .max(1024, 'A password may have at most 1024 characters');

/** Refused user changes, with a message a person can act on. */
export class UserStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserStoreError';
  }
}

/** Users persisted in `<dataDir>/users.json` (mode 0600), passwords hashed with scrypt. */
export class UserStore {
  #users: StoredUser[];
  #writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    users: StoredUser[],
  ) {
    this.#users = users;
  }

  /** Opens the users of a data directory; a file that is not a users file is refused. */
  static async open(dataDir: string): Promise<UserStore> {
    const file = path.join(dataDir, 'users.json');
    const text = await readIfExists(file);
    if (text === undefined) return new UserStore(file, []);
    const parsed = usersFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new UserStoreError(`${file} is not a Sluice users file (version 1)`);
    return new UserStore(file, parsed.data.users);
  }

  list(): UserView[] {
    return this.#users.map(({ username, role, created }) => ({ username, role, created }));
  }

  get(username: string): UserView | undefined {
    return this.list().find((u) => u.username === username);
  }

  get isEmpty(): boolean {
    return this.#users.length === 0;
  }

  /** The user, when the password is theirs. */
  async verify(username: string, password: string): Promise<UserView | undefined> {
    const user = this.#users.find((u) => u.username === username);
    // A wrong name costs a hash too, so timing does not tell which names exist.
    const hash = user?.passwordHash ?? UNKNOWN_USER_HASH;
    const ok = await verifyPassword(password, await hash);
    return ok && user ? this.get(user.username) : undefined;
  }

  async add(username: string, role: Role, password: string): Promise<UserView> {
    if (this.#users.some((u) => u.username === username)) {
      throw new UserStoreError(`A user named '${username}' already exists`);
    }
    const user = {
      username,
      role,
      passwordHash: await hashPassword(password),
      created: Date.now(),
    };
    this.#users = [...this.#users, user];
    await this.#save();
    return this.get(username)!;
  }

  async update(username: string, change: { role?: Role; password?: string }): Promise<UserView> {
    const user = this.#require(username);
    if (change.role && change.role !== 'admin' && user.role === 'admin')
      this.#keepAnAdmin(username);
    const next: StoredUser = {
      ...user,
      ...(change.role ? { role: change.role } : {}),
      ...(change.password ? { passwordHash: await hashPassword(change.password) } : {}),
    };
    this.#users = this.#users.map((u) => (u.username === username ? next : u));
    await this.#save();
    return this.get(username)!;
  }

  async remove(username: string): Promise<void> {
    const user = this.#require(username);
    if (user.role === 'admin') this.#keepAnAdmin(username);
    this.#users = this.#users.filter((u) => u.username !== username);
    await this.#save();
  }

  #require(username: string): StoredUser {
    const user = this.#users.find((u) => u.username === username);
    if (!user) throw new UserStoreError(`No user named '${username}'`);
    return user;
  }

  #keepAnAdmin(username: string): void {
    if (!this.#users.some((u) => u.role === 'admin' && u.username !== username)) {
      throw new UserStoreError(
        `'${username}' is the last admin; make another user admin first, or nobody could manage users`,
      );
    }
  }

  #save(): Promise<void> {
    const text = `${JSON.stringify({ version: 1, users: this.#users }, null, 2)}\n`;
    this.#writing = this.#writing.then(() => writePrivateFile(this.file, text));
    return this.#writing;
  }
}

/** The hash checked for a name that has no user (of a password nobody knows). */
const UNKNOWN_USER_HASH = hashPassword(`unknown-${Math.random()}`);
