import { useEffect, type ReactNode } from 'react';
import { api } from '../api/client.js';
import { LoginPage } from './login-page.js';
import { useSessionStore } from './session-store.js';

/**
 * Shows the editor to a signed-in user and the login page to anyone else. Asks the server once
 * who the browser is; a 401 from any later call (a session that ended) brings the login back.
 */
export function AuthGate({ children }: { readonly children: ReactNode }) {
  const session = useSessionStore((s) => s.session);
  useEffect(() => {
    api.auth.me
      .query()
      .then(({ user, authentication }) =>
        useSessionStore
          .getState()
          .set(
            user
              ? { status: 'signed-in', user, authentication }
              : { status: 'signed-out', expired: false },
          ),
      )
      // Unreachable: the editor's own banner says so and offers Retry.
      .catch(() => useSessionStore.getState().set({ status: 'unreachable' }));
  }, []);
  switch (session.status) {
    case 'checking':
      return <div className="login" role="status" aria-label="Loading" />;
    case 'signed-out':
      return <LoginPage expired={session.expired} />;
    case 'signed-in':
    case 'unreachable':
      return <>{children}</>;
    default: {
      const _exhaustive: never = session;
      return _exhaustive;
    }
  }
}
