/** The ports and directories of a single-node Elasticsearch, and what its distribution has. */
export interface ElasticsearchLayout {
  httpPort: number;
  transportPort: number;
  dataDir: string;
  logsDir: string;
  /**
   * Whether the distribution ships the `x-pack-security` module. Elasticsearch refuses to start
   * on a setting no module declares, so `xpack.security.enabled` is written only when it does.
   */
  hasSecurityModule: boolean;
  /** HTTPS with this certificate and key (PEM files in the config directory), and users. */
  security?: ElasticsearchSecurityLayout;
}

/**
 * Security on: the REST API over TLS only, users of the native realm, and an anonymous user with
 * the superuser role, so the harness (and a test setting up its users) needs no password. A
 * request that does bring credentials is still authenticated, and refused when they are wrong.
 */
export interface ElasticsearchSecurityLayout {
  /** File names in the config directory (Elasticsearch reads no file outside it). */
  certificateFile: string;
  keyFile: string;
}

/**
 * elasticsearch.yml of one node on 127.0.0.1 only. Binding to loopback with
 * `discovery.type: single-node` keeps the production bootstrap checks (vm.max_map_count, file
 * descriptors) to warnings; the disk threshold is off because a nearly full build disk would
 * otherwise make new indices' shards unassignable (red health, writes that hang).
 */
export function elasticsearchYml(layout: ElasticsearchLayout): string {
  const entries: [string, string | number | boolean][] = [
    ['cluster.name', 'sluice-test'],
    ['node.name', 'sluice-es'],
    ['discovery.type', 'single-node'],
    ['network.host', '127.0.0.1'],
    ['http.port', layout.httpPort],
    ['transport.port', layout.transportPort],
    ['path.data', layout.dataDir],
    ['path.logs', layout.logsDir],
    ['cluster.routing.allocation.disk.threshold_enabled', false],
  ];
  const { security } = layout;
  if (security) {
    // Configured explicitly, so the first start generates no certificates or elastic password.
    entries.push(
      ['xpack.security.enabled', true],
      ['xpack.security.http.ssl.enabled', true],
      ['xpack.security.http.ssl.certificate', security.certificateFile],
      ['xpack.security.http.ssl.key', security.keyFile],
      ['xpack.security.authc.anonymous.username', 'sluice-anonymous'],
      ['xpack.security.authc.anonymous.roles', 'superuser'],
      ['xpack.security.authc.anonymous.authz_exception', true],
    );
  } else if (layout.hasSecurityModule) {
    // Plain HTTP without users: with the module present, security is otherwise switched on and
    // the first start generates TLS certificates and an elastic password.
    entries.push(['xpack.security.enabled', false]);
  }
  // Strings in YAML's double-quoted form, which JSON's string syntax is a subset of.
  return (
    entries
      .map(([key, value]) => `${key}: ${typeof value === 'string' ? JSON.stringify(value) : value}`)
      .join('\n') + '\n'
  );
}

/**
 * A `jvm.options.d` file, read after the distribution's jvm.options: a fixed, small heap (the
 * default is half the machine's memory), no heap pre-touch (so the resident size grows with use
 * on a machine shared with other JVMs), and JVM logging to the console at warning level only,
 * instead of the distribution's rolling GC log.
 */
export function elasticsearchJvmOptions(heap: string): string {
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:-AlwaysPreTouch',
    '-Xlog:disable',
    '-Xlog:all=warning:stderr:utctime,level,tags',
    '',
  ].join('\n');
}
