/**
 * Where to go after logging in: the `next` of `/login?next=...` when it is a path on this site
 * (never another origin: an open redirect would let a link send a fresh login elsewhere), the
 * page itself when it was not the login page, else the editor's start.
 */
export function afterLoginPath(pathname: string, search: string): string {
  if (pathname !== '/login') return pathname + search;
  const next = new URLSearchParams(search).get('next');
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\'))
    return next;
  return '/';
}
