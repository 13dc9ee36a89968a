import { describe, expect, it } from 'vitest';
import { elasticsearchJvmOptions, elasticsearchYml } from './elasticsearch-config.js';
import { elasticsearchArtifact } from './elasticsearch-runtime.js';
import { commandAs } from './elasticsearch-user.js';

const layout = {
  httpPort: 19201,
  transportPort: 19301,
  dataDir: '/srv/es dir/data',
  logsDir: '/srv/es dir/logs',
  hasSecurityModule: true,
};

describe('elasticsearch config', () => {
  it('runs one node on 127.0.0.1 with the given ports, paths and no disk threshold', () => {
    const lines = elasticsearchYml(layout).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'discovery.type: "single-node"',
        'network.host: "127.0.0.1"',
        'http.port: 19201',
        'transport.port: 19301',
        'path.data: "/srv/es dir/data"',
        'path.logs: "/srv/es dir/logs"',
        'cluster.routing.allocation.disk.threshold_enabled: false',
      ]),
    );
  });

  it('switches security off only when the distribution has the security module', () => {
    // Elasticsearch refuses to start on a setting that no installed module declares.
    expect(elasticsearchYml(layout)).toContain('xpack.security.enabled: false\n');
    expect(elasticsearchYml({ ...layout, hasSecurityModule: false })).not.toContain('xpack');
  });

  it('serves HTTPS with the given certificate and an anonymous superuser when secured', () => {
    const yml = elasticsearchYml({
      ...layout,
      security: { certificateFile: 'http.crt', keyFile: 'http.key' },
    });
    for (const line of [
      'xpack.security.enabled: true',
      'xpack.security.http.ssl.enabled: true',
      'xpack.security.http.ssl.certificate: "http.crt"',
      'xpack.security.http.ssl.key: "http.key"',
      'xpack.security.authc.anonymous.roles: "superuser"',
    ]) {
      expect(yml).toContain(`${line}\n`);
    }
    expect(yml).not.toContain('xpack.security.enabled: false');
  });

  it('fixes the heap and keeps the JVM from pre-touching it', () => {
    const options = elasticsearchJvmOptions('384m').split('\n');
    expect(options).toEqual(
      expect.arrayContaining(['-Xms384m', '-Xmx384m', '-XX:-AlwaysPreTouch', '-Xlog:disable']),
    );
  });

  it('asks Maven for the integration-test zip of the given version', () => {
    expect(elasticsearchArtifact('8.19.7')).toBe(
      'org.elasticsearch.distribution.integ-test-zip:elasticsearch:8.19.7:zip',
    );
  });

  it('runs the launcher directly, or through setpriv as the dedicated user', () => {
    expect(commandAs(undefined, '/es/bin/elasticsearch')).toEqual({
      command: '/es/bin/elasticsearch',
      args: [],
    });
    const asUser = commandAs({ name: 'sluice-es', uid: 990, gid: 991 }, '/es/bin/elasticsearch');
    expect(asUser.command).toMatch(/setpriv$/);
    expect(asUser.args).toEqual([
      '--reuid=990',
      '--regid=991',
      '--init-groups',
      '--',
      '/es/bin/elasticsearch',
    ]);
  });
});
