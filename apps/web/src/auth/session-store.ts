import { create } from 'zustand';
import type { ApiOutputs } from '../api/types.js';

/** Who is logged in, as `auth.me` says. */
export type SessionUser = NonNullable<ApiOutputs['auth']['me']['user']>;

/** Where the browser's session stands. */
export type SessionState =
  | { readonly status: 'checking' }
  /** The server did not answer "who am I": the editor shows, with its unreachable banner. */
  | { readonly status: 'unreachable' }
  | { readonly status: 'signed-out'; readonly expired: boolean }
  | { readonly status: 'signed-in'; readonly user: SessionUser; readonly authentication: boolean };

/** The session store: read by the gate (login page or editor) and the user menu. */
export const useSessionStore = create<{
  readonly session: SessionState;
  set(session: SessionState): void;
}>()((set) => ({
  session: { status: 'checking' },
  set: (session) => set({ session }),
}));

/** The user signed in, or undefined. */
export function currentUser(): SessionUser | undefined {
  const { session } = useSessionStore.getState();
  return session.status === 'signed-in' ? session.user : undefined;
}

/** Called when the server says the session is gone (401): the login page comes back. */
export function sessionExpired(): void {
  const { status } = useSessionStore.getState().session;
  if (status === 'signed-in' || status === 'unreachable') {
    useSessionStore.getState().set({ status: 'signed-out', expired: status === 'signed-in' });
  }
}
