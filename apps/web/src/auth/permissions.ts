import { useSessionStore, type SessionUser } from './session-store.js';

/** A role, least to most: viewer, operator, editor, admin (as the server ranks them). */
export type Role = SessionUser['role'];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, editor: 2, admin: 3 };

/** Whether `role` may do what needs `needed`. */
export function allows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/**
 * The role of whoever uses the editor; re-renders when the session changes. While the server is
 * unreachable (or runs without login) the editor does not guess: everything stays enabled and
 * the server decides.
 */
export function useRole(): Role {
  return useSessionStore((s) => (s.session.status === 'signed-in' ? s.session.user.role : 'admin'));
}

/** Whether the signed-in user's role is at least `needed`. */
export function useCan(needed: Role): boolean {
  return allows(useRole(), needed);
}

/** Why a control is off for a role, for its tooltip. */
export function needsRole(needed: Role): string {
  return `Needs the ${needed} role`;
}
