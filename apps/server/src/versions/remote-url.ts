/** The longest remote URL accepted. */
export const MAX_REMOTE_URL_LENGTH = 2048;

const URL_SCHEMES = new Set(['http:', 'https:', 'ssh:', 'git:', 'file:']);

/** `user@host:path`, git's scp-like syntax for SSH (no `//` after the colon: that is a URL). */
const SCP_LIKE = /^(?:[A-Za-z0-9._~%+-]+@)?[A-Za-z0-9.-]+:(?!\/\/)\S+$/;

/**
 * Why a git remote URL is refused, or null when it may be used. Accepted: http(s), ssh, git and
 * file URLs, scp-like `user@host:path`, and an absolute local path (a bare repository on this
 * machine or a mounted share). Refused: git's `<transport>::<address>` helpers (`ext::` runs a
 * command), anything that starts like an option, whitespace and control characters.
 */
export function remoteUrlProblem(url: string): string | null {
  if (url.length === 0) return 'the remote URL is empty';
  if (url.length > MAX_REMOTE_URL_LENGTH) {
    return `the remote URL is longer than ${MAX_REMOTE_URL_LENGTH} characters`;
  }
  // Control characters and spaces would be misread by git or by a person reading the URL.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(url))
    return 'the remote URL contains spaces or control characters';
  if (url.startsWith('-')) return 'the remote URL cannot start with "-"';
  if (url.includes('::')) {
    return 'git transport helpers ("<transport>::<address>") are not allowed; use an http(s), ssh, git or file URL';
  }
  if (url.startsWith('/')) return null;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1];
  if (scheme !== undefined) {
    if (!URL_SCHEMES.has(`${scheme.toLowerCase()}:`)) {
      return `the remote URL scheme '${scheme}' is not supported; use http(s), ssh, git or file`;
    }
    try {
      new URL(url);
    } catch {
      return `'${redactRemoteUrl(url)}' is not a valid URL`;
    }
    return null;
  }
  if (SCP_LIKE.test(url)) return null;
  return 'expected an http(s), ssh, git or file URL, user@host:path, or an absolute path to a repository';
}

/**
 * A remote URL as it may be shown: the credentials of an http(s) URL (a token often sits in the
 * user name) and the password of any other URL are replaced by `***`.
 */
export function redactRemoteUrl(url: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/@]*)@(.*)$/.exec(url);
  if (!match) return url;
  const [, scheme, userInfo, rest] = match as unknown as [string, string, string, string];
  if (/^https?:\/\/$/i.test(scheme)) return `${scheme}***@${rest}`;
  const colon = userInfo.indexOf(':');
  return colon < 0 ? url : `${scheme}${userInfo.slice(0, colon)}:***@${rest}`;
}

/** A text (a git message) with every appearance of the URL's secret parts redacted. */
export function redactInText(text: string, url: string | undefined): string {
  if (!url) return text;
  const redacted = redactRemoteUrl(url);
  if (redacted === url) return text;
  let out = text.split(url).join(redacted);
  // git may quote the URL rebuilt from its parts, so the credentials themselves go too.
  const userInfo = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/@]*)@/.exec(url)?.[1];
  for (const part of userInfo?.split(':') ?? []) {
    if (part.length >= 4) out = out.split(part).join('***');
  }
  return out;
}
