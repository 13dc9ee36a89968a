let counter = 0;
const session = Math.random().toString(36).slice(2, 8);

/**
 * A placeholder id for a component a command will create: commands address it by this ref, and
 * the registry aliases the ref to the server's id once it exists. Never a server id (those are
 * UUIDs), so it cannot clash.
 */
export function newRef(): string {
  counter += 1;
  return `new:${session}:${counter}`;
}
