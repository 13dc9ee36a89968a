/** The flow id of an editor URL (`/flows/<id>`), or null for any other path. */
export function flowIdFromPath(pathname: string): string | null {
  const match = /^\/flows\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/** The editor URL of a flow. */
export function pathOfFlow(flowId: string): string {
  return `/flows/${encodeURIComponent(flowId)}`;
}
