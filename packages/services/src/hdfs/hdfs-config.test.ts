import { describe, expect, it } from 'vitest';
import { coreSiteXml, hadoopJvmOptions, hdfsSiteXml, type HdfsLayout } from './hdfs-config.js';
import { hadoopRuntimePom } from './hdfs-runtime.js';

const layout: HdfsLayout = {
  ports: {
    namenodeRpcPort: 1,
    namenodeHttpPort: 2,
    datanodePort: 3,
    datanodeHttpPort: 4,
    datanodeIpcPort: 5,
  },
  nameDir: '/w/data/name',
  dataDir: '/w/my data/data',
  tmpDir: '/w/a&b',
};

function property(xml: string, name: string): string | undefined {
  return new RegExp(`<name>${name.replaceAll('.', '\\.')}</name><value>([^<]*)</value>`).exec(
    xml,
  )?.[1];
}

describe('hdfs config', () => {
  it('binds the NameNode and the DataNode to 127.0.0.1 on the given ports', () => {
    const xml = hdfsSiteXml(layout);
    expect(property(coreSiteXml(layout), 'fs.defaultFS')).toBe('hdfs://127.0.0.1:1');
    expect(property(xml, 'dfs.namenode.rpc-address')).toBe('127.0.0.1:1');
    expect(property(xml, 'dfs.namenode.http-address')).toBe('127.0.0.1:2');
    expect(property(xml, 'dfs.datanode.address')).toBe('127.0.0.1:3');
    expect(property(xml, 'dfs.datanode.http.address')).toBe('127.0.0.1:4');
    expect(property(xml, 'dfs.datanode.ipc.address')).toBe('127.0.0.1:5');
    // WebHDFS redirects clients to the DataNode by this name.
    expect(property(xml, 'dfs.datanode.hostname')).toBe('127.0.0.1');
  });

  it('configures one replica, no permission checks, WebHDFS and no safe-mode wait', () => {
    const xml = hdfsSiteXml(layout);
    expect(property(xml, 'dfs.replication')).toBe('1');
    expect(property(xml, 'dfs.permissions.enabled')).toBe('false');
    expect(property(xml, 'dfs.webhdfs.enabled')).toBe('true');
    expect(property(xml, 'dfs.namenode.safemode.extension')).toBe('0');
  });

  it('writes directories as file URIs and escapes XML', () => {
    const xml = hdfsSiteXml(layout);
    expect(property(xml, 'dfs.namenode.name.dir')).toBe('file:///w/data/name');
    expect(property(xml, 'dfs.datanode.data.dir')).toBe('file:///w/my%20data/data');
    expect(property(coreSiteXml(layout), 'hadoop.tmp.dir')).toBe('/w/a&amp;b');
  });

  it('gives each JVM the heap, the add-opens Java 17 needs, and the classpath last', () => {
    const options = hadoopJvmOptions({ heap: '128m', classpath: '/conf:/lib/*' });
    expect(options).toContain('-Xmx128m');
    expect(options).toContain('--add-opens=java.base/java.lang=ALL-UNNAMED');
    expect(options).toContain('--add-opens=java.base/sun.security.x509=ALL-UNNAMED');
    expect(options.slice(-2)).toEqual(['-cp', '/conf:/lib/*']);
  });

  it('asks Maven for hadoop-common, hadoop-hdfs and hadoop-hdfs-client', () => {
    const pom = hadoopRuntimePom('3.5.0');
    for (const artifact of ['hadoop-common', 'hadoop-hdfs', 'hadoop-hdfs-client']) {
      expect(pom).toContain(`<artifactId>${artifact}</artifactId><version>3.5.0</version>`);
    }
  });
});
