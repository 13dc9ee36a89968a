import { z } from 'zod';

/** The roles, least to most: each may do everything the ones before it may. */
export const ROLES = ['viewer', 'operator', 'editor', 'admin'] as const;

/** A user's role: viewer (read), operator (start/stop, empty queues), editor (change flows), admin (users, parameters). */
export type Role = (typeof ROLES)[number];

/** A role at the API's edge. */
export const roleSchema = z.enum(ROLES);

/** Whether `role` may do what needs `needed`. */
export function allows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** What each role adds, in words for refusals ("needs the operator role: start and stop..."). */
export const ROLE_GRANTS: Record<Role, string> = {
  viewer: 'read flows, queues, provenance and history',
  operator: 'start and stop processors and empty queues',
  editor: 'change flows',
  admin: 'manage users and parameters',
};
