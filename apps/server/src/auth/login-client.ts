import { SESSION_COOKIE } from './session-cookie.js';

/** A session got by logging in over HTTP: the cookie's name and value, for scripts and tests. */
export interface LoginSession {
  readonly name: string;
  readonly value: string;
  /** `name=value`, for a `Cookie` header. */
  readonly header: string;
}

/** Logs in to a running Sluice at `url` (as the login page does); throws with the server's message. */
export async function logIn(
  url: string,
  username: string,
  password: string,
): Promise<LoginSession> {
  const response = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      { error?: { message?: string } } | undefined;
    throw new Error(
      `Cannot log in to ${url} as '${username}': ${body?.error?.message ?? response.status}`,
    );
  }
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`${url} answered the login without a session cookie`);
  return { name: SESSION_COOKIE, value: cookie.slice(SESSION_COOKIE.length + 1), header: cookie };
}
