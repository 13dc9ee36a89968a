import { useEffect, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { ApiOutputs } from '../api/types.js';
import { Modal } from '../chrome/modal.js';
import '../chrome/dialog.css';

type User = ApiOutputs['users']['list'][number];
type AuditEntry = ApiOutputs['audit']['query'][number];
type Role = User['role'];
const ROLES: readonly Role[] = ['viewer', 'operator', 'editor', 'admin'];

/** The users and the latest audit entries. */
function readAll() {
  return Promise.all([api.users.list.query(), api.audit.query.query({ limit: 200 })]);
}

/** Props of {@link UsersDialog}. */
export interface UsersDialogProps {
  /** The admin using the dialog (who may not remove themselves). */
  readonly self: string;
  onClose(): void;
}

/** Users and roles, and the audit log of who changed, started or emptied what. For admins. */
export function UsersDialog({ self, onClose }: UsersDialogProps) {
  const [tab, setTab] = useState<'users' | 'audit'>('users');
  const [users, setUsers] = useState<readonly User[]>([]);
  const [audit, setAudit] = useState<readonly AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ username: '', role: 'viewer' as Role, password: '' });

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      const [nextUsers, nextAudit] = await readAll();
      setUsers(nextUsers);
      setAudit(nextAudit);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    let live = true;
    readAll()
      .then(([nextUsers, nextAudit]) => {
        if (!live) return;
        setUsers(nextUsers);
        setAudit(nextAudit);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, []);

  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.users.add.mutate(draft);
      setDraft({ username: '', role: 'viewer', password: '' });
    });
  };

  return (
    <Modal
      className="dialog users-dialog"
      labelledBy="users-title"
      testId="users-dialog"
      onClose={onClose}
    >
      <h2 id="users-title">Users</h2>
      <div className="users-tabs" role="tablist">
        {(['users', 'audit'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            className="btn"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
          >
            {name === 'users' ? 'Users and roles' : 'Audit log'}
          </button>
        ))}
      </div>
      {tab === 'users' ? (
        <>
          <table className="users-table">
            <thead>
              <tr>
                <th>User</th>
                <th>Role</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.username} data-testid="user-row" data-username={user.username}>
                  <td>{user.username}</td>
                  <td>
                    <select
                      aria-label={`Role of ${user.username}`}
                      value={user.role}
                      onChange={(e) =>
                        void run(() =>
                          api.users.update.mutate({
                            username: user.username,
                            role: e.target.value as Role,
                          }),
                        )
                      }
                    >
                      {ROLES.map((role) => (
                        <option key={role}>{role}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="panel-button panel-button-small"
                      disabled={user.username === self}
                      onClick={() =>
                        void run(() => api.users.remove.mutate({ username: user.username }))
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="users-add" onSubmit={add} aria-label="Add a user">
            <label>
              User name
              <input
                value={draft.username}
                onChange={(e) => setDraft({ ...draft, username: e.target.value })}
              />
            </label>
            <label>
              Role
              <select
                value={draft.role}
                onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}
              >
                {ROLES.map((role) => (
                  <option key={role}>{role}</option>
                ))}
              </select>
            </label>
            <label>
              Password
              <input
                type="password"
                autoComplete="new-password"
                value={draft.password}
                onChange={(e) => setDraft({ ...draft, password: e.target.value })}
              />
            </label>
            <button type="submit" className="btn primary">
              Add user
            </button>
          </form>
        </>
      ) : (
        <table className="users-table" data-testid="audit-log">
          <thead>
            <tr>
              <th>Time</th>
              <th>User</th>
              <th>Action</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((entry, i) => (
              <tr key={`${entry.time}-${i}`} title={entry.message ?? entry.targets?.join(', ')}>
                <td>{new Date(entry.time).toLocaleString()}</td>
                <td>{entry.user}</td>
                <td>{entry.action}</td>
                <td>{entry.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="users-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
