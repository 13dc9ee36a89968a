import { defineControllerService, prop, serviceApi } from '@sluice/engine';
import { WebHdfsClient } from '@sluice/webhdfs';
import { checkWebHdfsUrl, hadoopFileUrl } from './webhdfs-url.js';

/**
 * What the HDFS processors get from an HDFS connection service: a WebHDFS client for one cluster.
 * NiFi configures Hadoop on each HDFS processor (configuration files, Kerberos); Sluice shares one
 * configured client between them.
 */
export interface HdfsConnectionService {
  /** The client, with the NameNode's URL, the user and the timeouts of the service. */
  readonly client: WebHdfsClient;
  /** The NameNode's HTTP(S) address, e.g. `http://namenode:9870` (holds no secret). */
  readonly url: string;
  /** The `user.name` sent with every request, when one is configured. */
  readonly user: string | undefined;
  /** Hadoop's URL of a path on this cluster (`webhdfs://host:port/path`), for attributes and provenance. */
  fileUrl(path: string): string;
}

/** The service API the HDFS processors refer to. */
export const HdfsConnectionServiceApi = serviceApi<HdfsConnectionService>('HdfsConnectionService');

/** Aborts the requests of an enabled instance when it is disabled. */
const stops = new WeakMap<HdfsConnectionService, AbortController>();

const properties = {
  webHdfsUrl: prop.string({
    name: 'WebHDFS URL',
    description:
      "The NameNode's HTTP or HTTPS address, where WebHDFS is served, e.g. http://namenode:9870 (Hadoop's dfs.namenode.http-address; not the hdfs:// RPC address). webhdfs:// and swebhdfs:// are read as http:// and https://. A path is kept, for a gateway that serves WebHDFS below one.",
    required: true,
    validate: (value) => {
      const checked = checkWebHdfsUrl(value);
      return checked.ok ? undefined : checked.problem;
    },
  }),
  user: prop.string({
    name: 'User',
    description:
      "The HDFS user to act as, sent as user.name (Hadoop's simple authentication): files are created owned by this user and permission checks apply to it. When empty, HDFS acts as its static web user (hadoop.http.staticuser.user, dr.who by default), which usually cannot write.",
  }),
  connectionTimeout: prop.duration({
    name: 'Connection Timeout',
    description:
      'How long to wait for a connection to the NameNode or a DataNode. The WebHDFS client keeps one clock per request, so a request fails once Connection Timeout plus Read Timeout have passed without its answer.',
    default: '30 sec',
  }),
  readTimeout: prop.duration({
    name: 'Read Timeout',
    description:
      'How long to wait for an answer once a request is sent, and how long a transfer may stay silent (no bytes either way) before it fails. A large file may take longer in all, as long as bytes keep moving.',
    default: '60 sec',
  }),
} as const;

/**
 * StandardHdfsConnectionService: a WebHDFS client for one HDFS cluster, shared by PutHDFS and the
 * other HDFS processors. Enabling contacts nothing; the first request does.
 */
export const StandardHdfsConnectionService = defineControllerService({
  type: 'StandardHdfsConnectionService',
  description:
    "Provides a WebHDFS (HTTP) client for one HDFS cluster to the HDFS processors: the NameNode's URL, the user to act as, and timeouts. NiFi configures Hadoop on each HDFS processor (Hadoop Configuration Resources); Sluice shares this service instead and needs no Hadoop configuration files or jars. Authentication is Hadoop's simple authentication (user.name) only: Kerberos (SPNEGO) and delegation tokens are not supported. Enabling contacts nothing; connections are made when a processor first writes or reads.",
  tags: ['hdfs', 'hadoop', 'webhdfs', 'connection', 'filesystem'],
  properties,
  provides: HdfsConnectionServiceApi,
  enable(ctx) {
    const checked = checkWebHdfsUrl(ctx.requiredProperty('webHdfsUrl'));
    // Validation refuses such a URL first, unless it came from a parameter.
    if (!checked.ok) throw new Error(`The WebHDFS URL ${checked.problem}`);
    const url = checked.url;
    const user = ctx.property('user')?.trim() || undefined;
    const stop = new AbortController();
    const client = new WebHdfsClient({
      url,
      ...(user !== undefined && { user }),
      timeoutMs:
        (ctx.property('connectionTimeout') ?? 30_000) + (ctx.property('readTimeout') ?? 60_000),
      signal: stop.signal,
    });
    const service: HdfsConnectionService = {
      client,
      url: client.url,
      user,
      fileUrl: (path) => hadoopFileUrl(client.url, path),
    };
    stops.set(service, stop);
    return service;
  },
  disable(service) {
    stops.get(service)?.abort(new Error('The HDFS connection service was disabled'));
  },
});
