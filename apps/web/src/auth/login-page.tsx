import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api/client.js';
import { afterLoginPath } from './login-target.js';
import './login-page.css';

/** Props of {@link LoginPage}. */
export interface LoginPageProps {
  /** Set when a session ended while the editor was open. */
  readonly expired?: boolean;
}

/**
 * The login page: user name and password. On success the browser holds an HttpOnly session
 * cookie (no script can read it) and the page loads the editor where the user was going.
 */
export function LoginPage({ expired = false }: LoginPageProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.auth.login.mutate({ username, password });
      // A fresh page: every store starts from the signed-in user's view.
      location.assign(afterLoginPath(location.pathname, location.search));
    } catch (e) {
      setError(errorMessage(e));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" aria-labelledby="login-title" onSubmit={(e) => void submit(e)}>
        <div className="login-brand" aria-hidden="true">
          <span className="brand-mark" />
          Sluice
        </div>
        <h1 id="login-title">Log in</h1>
        {expired && !error && (
          <p className="login-note" role="status">
            Your session ended. Log in again to go on.
          </p>
        )}
        <label>
          User name
          <input
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="login-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p className="login-hint">
          The first start printed the admin&apos;s password in the server&apos;s console (or used{' '}
          <code>SLUICE_ADMIN_PASSWORD</code>).
        </p>
      </form>
    </main>
  );
}
