import { useState } from 'react';
import { api } from '../api/client.js';
import { reportFailure } from '../actions/report.js';
import { useSessionStore } from './session-store.js';
import { UsersDialog } from './users-dialog.js';
import './user-menu.css';

/** Logs out and returns to the login page (a fresh page: nothing of the session stays). */
async function logOut(): Promise<void> {
  try {
    await api.auth.logout.mutate();
    location.assign('/login');
  } catch (error) {
    reportFailure(error);
  }
}

/**
 * Who is signed in and with what role, Log out, and for admins the Users dialog (users, roles,
 * the audit log). Nothing shows on a server that runs without login.
 */
export function UserMenu() {
  const session = useSessionStore((s) => s.session);
  const [usersOpen, setUsersOpen] = useState(false);
  if (session.status !== 'signed-in' || !session.authentication) return null;
  const { user } = session;
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-name" title={`Signed in as ${user.username} (${user.role})`}>
        {user.username}
        <span className="user-role" data-role={user.role}>
          {user.role}
        </span>
      </span>
      {user.role === 'admin' && (
        <button type="button" className="btn" onClick={() => setUsersOpen(true)}>
          Users
        </button>
      )}
      <button type="button" className="btn" onClick={() => void logOut()}>
        Log out
      </button>
      {usersOpen && <UsersDialog self={user.username} onClose={() => setUsersOpen(false)} />}
    </div>
  );
}
