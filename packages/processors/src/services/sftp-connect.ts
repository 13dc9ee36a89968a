import { createHash } from 'node:crypto';
import ssh2, { type ConnectConfig, type ParsedKey, type ServerHostKeyAlgorithm } from 'ssh2';
import { messageOf } from '../support/file-errors.js';
import { SftpConnectionError } from './sftp-errors.js';
import { SftpSession } from './sftp-session.js';

const { Client, utils } = ssh2;

/** Where an SFTP service connects, and as whom: safe to show (no secret in it). */
export interface SftpEndpoint {
  readonly host: string;
  readonly port: number;
  readonly username: string;
}

/** How to log in and whom to trust. */
export interface SftpConnectOptions extends SftpEndpoint {
  readonly password?: string;
  /** Private key text (OpenSSH or PEM). */
  readonly privateKey?: string;
  readonly passphrase?: string;
  /** The server's expected public key; undefined accepts any key. */
  readonly hostKey?: ParsedKey;
  /** Limit for reaching the server, the key exchange, the login and opening SFTP. */
  readonly timeoutMs: number;
  /** Limit for an answer while requests are outstanding (see {@link SftpSession}); default 30 s. */
  readonly dataTimeoutMs?: number;
}

/** OpenSSH's fingerprint of a public key blob: `SHA256:<base64 without padding>`. */
export function fingerprint(publicKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKey).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Parses an expected host key given as an OpenSSH public key line (`ssh-ed25519 AAAA… comment`),
 * as in a `.pub` file or after the host name in `known_hosts`. Throws saying what is wrong.
 */
export function parseHostKey(text: string): ParsedKey {
  const tokens = text.trim().split(/\s+/);
  // A known_hosts line starts with the host names; the key starts at its type.
  const start = tokens.findIndex((t) => /^(ssh-|ecdsa-sha2-|sk-)/.test(t));
  if (start < 0 || tokens[start + 1] === undefined) {
    throw new Error(
      "is not a public key line; expected '<type> <base64 key>', e.g. 'ssh-ed25519 AAAAC3Nza…'",
    );
  }
  const parsed = utils.parseKey(`${tokens[start]} ${tokens[start + 1]}`);
  if (parsed instanceof Error) throw new Error(`cannot be read: ${parsed.message}`);
  if (Array.isArray(parsed)) throw new Error('holds more than one key');
  return parsed;
}

/**
 * Why a private key cannot be used (with its passphrase), completing "The Private Key …", or
 * undefined when it can.
 */
export function privateKeyProblem(
  privateKey: string,
  passphrase: string | undefined,
): string | undefined {
  const parsed = utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) {
    return /passphrase|decrypt|bad/i.test(parsed.message)
      ? `cannot be read: ${parsed.message} (check the Private Key Passphrase)`
      : `cannot be read: ${parsed.message}`;
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key?.isPrivateKey() ? undefined : 'holds a public key, not a private one';
}

/** Host key algorithms to offer first, so a server with several keys presents the expected one. */
function hostKeyAlgorithms(key: ParsedKey): ServerHostKeyAlgorithm[] {
  return key.type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [key.type];
}

/** Says what went wrong in a connection attempt, naming the server and never a secret. */
function describeFailure(
  options: SftpConnectOptions,
  error: unknown,
  presentedKey: Buffer | undefined,
): SftpConnectionError {
  const where = `${options.host}:${options.port}`;
  if (presentedKey && options.hostKey) {
    return new SftpConnectionError(
      'host-key',
      `SFTP server at ${where} presented host key ${fingerprint(presentedKey)}, not the configured Host Key ${options.hostKey.type} ${fingerprint(options.hostKey.getPublicSSH())}; refusing to connect`,
    );
  }
  const { code, level } = error as { code?: unknown; level?: unknown };
  if (level === 'client-authentication') {
    return new SftpConnectionError(
      'authentication',
      `SFTP login to ${options.username}@${where} failed: authentication rejected`,
    );
  }
  if (level === 'client-timeout') {
    return new SftpConnectionError(
      'timeout',
      `SFTP server at ${where} did not complete the connection within ${options.timeoutMs} ms`,
    );
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new SftpConnectionError('refused', `SFTP server at ${where} refused the connection`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new SftpConnectionError(
        'unreachable',
        `SFTP server host ${options.host} cannot be resolved`,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new SftpConnectionError(
        'unreachable',
        `SFTP server at ${where} is unreachable (${code})`,
      );
    default:
      return new SftpConnectionError(
        'other',
        `SFTP connection to ${options.username}@${where} failed: ${messageOf(error)}`,
      );
  }
}

/**
 * Opens an SSH connection, logs in and starts the SFTP subsystem. Fails with an
 * {@link SftpConnectionError} that names the server: refused, authentication rejected, a host
 * key other than the expected one, or no answer within the timeout.
 */
export function connectSftp(options: SftpConnectOptions): Promise<SftpSession> {
  return new Promise<SftpSession>((resolve, reject) => {
    const client = new Client();
    let settled = false;
    /** The key a server presented that did not match the expected one. */
    let rejectedKey: Buffer | undefined;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.end();
      reject(describeFailure(options, error, rejectedKey));
    };
    // Also covers opening the SFTP channel, which ssh2's readyTimeout does not.
    const timer = setTimeout(
      () => fail(Object.assign(new Error('timed out'), { level: 'client-timeout' })),
      options.timeoutMs,
    );
    // Stays attached: once the session exists it has its own listeners, and this one ignores errors.
    client.on('error', fail);
    client.on('close', () => fail(new Error('the server closed the connection')));
    client.once('ready', () => {
      client.sftp((error, sftp) => {
        if (error) return fail(error);
        if (settled) return client.end();
        settled = true;
        clearTimeout(timer);
        resolve(new SftpSession(client, sftp, options.dataTimeoutMs ?? 30_000));
      });
    });
    const expected = options.hostKey;
    const config: ConnectConfig = {
      host: options.host,
      port: options.port,
      username: options.username,
      readyTimeout: options.timeoutMs,
      // Finds a dead server behind an idle pooled connection within a minute or so.
      keepaliveInterval: 15_000,
      keepaliveCountMax: 3,
      ...(options.password ? { password: options.password } : {}),
      ...(options.privateKey ? { privateKey: options.privateKey } : {}),
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
      ...(expected
        ? {
            algorithms: {
              serverHostKey: { prepend: hostKeyAlgorithms(expected), append: [], remove: [] },
            },
            hostVerifier: (presented: Buffer): boolean => {
              if (expected.getPublicSSH().equals(presented)) return true;
              rejectedKey = presented;
              return false;
            },
          }
        : {}),
    };
    try {
      client.connect(config);
    } catch (error) {
      fail(error);
    }
  });
}

/**
 * The `sftp://host:port/path` URI of a remote file, for provenance (NiFi's transit URI; no user
 * or password in it). Path segments are percent-encoded, so any file name gives a valid URI.
 */
export function sftpTransitUri(endpoint: SftpEndpoint, remotePath: string): string {
  const absolute = remotePath.startsWith('/') ? remotePath : `/${remotePath}`;
  const encoded = absolute.split('/').map(encodeURIComponent).join('/');
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `sftp://${host}:${endpoint.port}${encoded}`;
}
