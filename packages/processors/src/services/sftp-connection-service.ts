import { defineControllerService, prop, serviceApi, type ValidationIssue } from '@sluice/engine';
import { messageOf } from '../support/file-errors.js';
import { ConnectionPool, type PoolStats } from './connection-pool.js';
import { connectSftp, parseHostKey, privateKeyProblem, type SftpEndpoint } from './sftp-connect.js';
import { connectionSurvives } from './sftp-errors.js';
import type { SftpSession } from './sftp-session.js';

/**
 * What the SFTP processors get from an SFTP connection service: pooled, logged-in SFTP sessions
 * to one server. NiFi configures the connection on each SFTP processor; a shared service lets
 * ListSFTP and FetchSFTP reuse the same few connections.
 */
export interface SftpConnectionService {
  /** Server and login, for attributes and transit URIs (holds no secret). */
  readonly endpoint: SftpEndpoint;
  /**
   * Runs `work` on a connected session borrowed from the pool and returns it afterwards. The
   * session must not be kept past `work`. Fails with an {@link SftpConnectionError} when no
   * connection can be made; a session that broke during `work` is dropped, not returned.
   */
  withSession<T>(work: (sftp: SftpSession) => Promise<T>): Promise<T>;
  /** How many connections are open, idle and awaited. */
  stats(): PoolStats;
}

/** The service API the SFTP processors refer to. */
export const SftpConnectionServiceApi = serviceApi<SftpConnectionService>('SftpConnectionService');

/** The pools behind enabled instances, so `disable` can close them (processors cannot). */
const pools = new WeakMap<SftpConnectionService, ConnectionPool<SftpSession>>();

/** Reports a property whose literal value a parser rejects. */
function checked(parse: (value: string) => unknown): (value: string) => string | undefined {
  return (value) => {
    if (value.trim() === '') return undefined;
    try {
      parse(value);
      return undefined;
    } catch (error) {
      return messageOf(error);
    }
  };
}

const properties = {
  hostname: prop.string({
    name: 'Hostname',
    description: 'The fully qualified hostname or IP address of the remote system',
    required: true,
  }),
  port: prop.integer({
    name: 'Port',
    description: 'The port that the remote system is listening on for file transfers',
    default: '22',
    min: 1,
    max: 65_535,
  }),
  username: prop.string({ name: 'Username', description: 'Username', required: true }),
  password: prop.string({
    name: 'Password',
    description: 'Password for the user account',
    sensitive: true,
  }),
  privateKey: prop.text({
    name: 'Private Key',
    description:
      'The private key used for authentication, as text (OpenSSH "-----BEGIN OPENSSH PRIVATE KEY-----" or PEM). NiFi reads it from a file (Private Key Path); here the key itself is a sensitive property.',
    sensitive: true,
    validate: (value) => {
      const problem = privateKeyProblem(value, undefined);
      // An encrypted key is only readable with its passphrase, checked when enabling.
      return problem && /passphrase|encrypted/i.test(problem) ? undefined : problem;
    },
  }),
  privateKeyPassphrase: prop.string({
    name: 'Private Key Passphrase',
    description: 'Password for the private key',
    sensitive: true,
  }),
  hostKey: prop.string({
    name: 'Host Key',
    description:
      "The server's expected public host key, as an OpenSSH public key line (e.g. 'ssh-ed25519 AAAAC3Nza…', the content of the server's host_ed25519_key.pub, or a known_hosts line). When set, a server presenting another key is refused. When empty, any host key is accepted — the connection is then open to a man in the middle; set it outside of tests.",
    validate: checked(parseHostKey),
  }),
  connectionTimeout: prop.duration({
    name: 'Connection Timeout',
    description:
      'Amount of time to wait before timing out while creating a connection (reaching the server, key exchange, login)',
    default: '30 sec',
  }),
  dataTimeout: prop.duration({
    name: 'Data Timeout',
    description:
      'When transferring a file between the local and remote system, this value specifies how long is allowed to elapse without any data being transferred between systems: while a request (a listing, a read, a rename) waits, the server must answer within it, or the work fails as a communications failure and the connection is closed',
    default: '30 sec',
  }),
  maxConnections: prop.integer({
    name: 'Max Connections',
    description:
      'The most SSH connections this service keeps open to the server at once; processors wait for a free one beyond that',
    default: '4',
    min: 1,
    max: 100,
  }),
  idleTimeout: prop.duration({
    name: 'Idle Timeout',
    description: 'An open connection unused for this long is closed',
    default: '30 sec',
  }),
} as const;

/**
 * StandardSftpConnectionService: a pool of SFTP sessions to one server for ListSFTP and FetchSFTP.
 * Enabling connects nothing; sessions are opened when a processor first needs one.
 */
export const StandardSftpConnectionService = defineControllerService({
  type: 'StandardSftpConnectionService',
  description:
    'Provides pooled SFTP connections to one server (hostname, port, login) for the SFTP processors. Connections are opened on first use, reused across runs, and closed when idle or when the service is disabled. Set Host Key to refuse servers presenting another key; without it any host key is accepted.',
  tags: ['sftp', 'ssh', 'remote', 'connection', 'pool'],
  properties,
  provides: SftpConnectionServiceApi,
  validate(ctx) {
    const issues: ValidationIssue[] = [];
    const set = (key: 'password' | 'privateKey' | 'privateKeyPassphrase'): boolean =>
      (ctx.raw(key) ?? '').trim() !== '';
    if (!set('password') && !set('privateKey')) {
      issues.push({
        property: 'password',
        message: "Either 'Password' or 'Private Key' is required",
      });
    }
    if (set('privateKeyPassphrase') && !set('privateKey')) {
      issues.push({
        property: 'privateKeyPassphrase',
        message: "'Private Key Passphrase' is set but 'Private Key' is not",
      });
    }
    return issues;
  },
  enable(ctx) {
    const endpoint: SftpEndpoint = {
      host: ctx.requiredProperty('hostname').trim(),
      port: ctx.property('port') ?? 22,
      username: ctx.requiredProperty('username'),
    };
    const password = ctx.property('password') || undefined;
    const privateKey = ctx.property('privateKey')?.trim() || undefined;
    const passphrase = ctx.property('privateKeyPassphrase') || undefined;
    const keyProblem = privateKey && privateKeyProblem(privateKey, passphrase);
    if (keyProblem) throw new Error(`The Private Key ${keyProblem}`);
    const hostKeyText = ctx.property('hostKey')?.trim();
    const hostKey = hostKeyText ? parseHostKey(hostKeyText) : undefined;
    const timeoutMs = ctx.property('connectionTimeout') ?? 30_000;
    const dataTimeoutMs = ctx.property('dataTimeout') ?? 30_000;
    const where = `${endpoint.username}@${endpoint.host}:${endpoint.port}`;
    const pool = new ConnectionPool<SftpSession>(
      {
        open: () =>
          connectSftp({
            ...endpoint,
            password,
            privateKey,
            passphrase,
            hostKey,
            timeoutMs,
            dataTimeoutMs,
          }),
        close: (session) => session.end(),
        isUsable: (session) => session.usable,
        survives: connectionSurvives,
        watch: (session, broken) => session.onBroken(broken),
      },
      {
        max: ctx.property('maxConnections') ?? 4,
        idleTimeoutMs: ctx.property('idleTimeout') ?? 30_000,
      },
      `The SFTP connection pool for ${where}`,
    );
    const service: SftpConnectionService = {
      endpoint,
      withSession: (work) => pool.use(work),
      stats: () => pool.stats(),
    };
    pools.set(service, pool);
    return service;
  },
  async disable(service) {
    await pools.get(service)?.close();
  },
});
