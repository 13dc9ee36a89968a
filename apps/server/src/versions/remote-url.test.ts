import { describe, expect, it } from 'vitest';
import { redactInText, redactRemoteUrl, remoteUrlProblem } from './remote-url.js';

describe('remoteUrlProblem', () => {
  it.each([
    'https://git.example.com/team/flows.git',
    'http://127.0.0.1:9/x.git',
    'ssh://git@git.example.com:2222/team/flows.git',
    'git@git.example.com:team/flows.git',
    'file:///srv/git/flows.git',
    '/tmp/remote.git',
  ])('accepts %s', (url) => {
    expect(remoteUrlProblem(url)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['ext::sh -c touch% /tmp/x', /spaces|transport helpers/],
    ['ext::sh', /transport helpers/],
    ['--upload-pack=touch /tmp/x', /spaces|cannot start/],
    ['-oProxyCommand=x', /cannot start with "-"/],
    ['ftp://example.com/x.git', /scheme 'ftp' is not supported/],
    ['https://exa mple.com/x.git', /spaces/],
    ['relative/path.git', /expected an http\(s\)/],
    ['https://a\nb', /control characters/],
    [`https://example.com/${'x'.repeat(3000)}`, /longer than 2048/],
  ])('refuses %j', (url, problem) => {
    expect(remoteUrlProblem(url)).toMatch(problem);
  });
});

describe('redactRemoteUrl', () => {
  it('hides every credential of an http(s) URL and the password of others', () => {
    expect(redactRemoteUrl('https://user:tok3n-secret@git.example.com/x.git')).toBe(
      'https://***@git.example.com/x.git',
    );
    expect(redactRemoteUrl('https://ghp_token1234@git.example.com/x.git')).toBe(
      'https://***@git.example.com/x.git',
    );
    expect(redactRemoteUrl('ssh://git:pw1234@host/x.git')).toBe('ssh://git:***@host/x.git');
    expect(redactRemoteUrl('ssh://git@host/x.git')).toBe('ssh://git@host/x.git');
    expect(redactRemoteUrl('/tmp/remote.git')).toBe('/tmp/remote.git');
  });

  it('redacts the credentials inside a git message', () => {
    const url = 'https://user:tok3n-secret@git.example.com/x.git';
    const message = `fatal: unable to access '${url}': Could not resolve host; user tok3n-secret`;
    const redacted = redactInText(message, url);
    expect(redacted).not.toContain('tok3n-secret');
    expect(redacted).toContain('https://***@git.example.com/x.git');
  });
});
