import { createServer, type Server } from 'node:net';
import { TestRunner } from '@sluice/engine';
import { freePort } from '@sluice/services';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { PutElasticsearchJson } from '../put-elasticsearch-json.js';
import {
  clientOptionsOf,
  parseHttpHosts,
  type ElasticsearchClientConfig,
} from './elasticsearch-client-options.js';
import {
  ElasticSearchClientServiceImpl,
  type ElasticSearchClientService,
} from './elasticsearch-client-service.js';

const base: ElasticsearchClientConfig = {
  httpHosts: 'http://127.0.0.1:9200',
  authorizationScheme: 'NONE',
  verifyCertificates: true,
  connectTimeoutMs: 5000,
  readTimeoutMs: 60000,
  maxRetries: 0,
};

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('clientOptionsOf', () => {
  it('maps hosts, timeouts and retries, with no authentication for the scheme None', () => {
    const options = clientOptionsOf({
      ...base,
      httpHosts: ' http://127.0.0.1:9200/ , https://es2.example:9243/prefix/ ',
      connectTimeoutMs: 1234,
      readTimeoutMs: 5678,
      maxRetries: 2,
    });

    expect(options).toEqual({
      nodes: ['http://127.0.0.1:9200', 'https://es2.example:9243/prefix'],
      requestTimeout: 5678,
      maxRetries: 2,
      tls: { timeout: 1234, rejectUnauthorized: true },
      sniffOnStart: false,
      sniffOnConnectionFault: false,
    });
  });

  it('sends Basic credentials for the scheme Basic', () => {
    const options = clientOptionsOf({
      ...base,
      authorizationScheme: 'BASIC',
      username: 'elastic',
      password: 's3cret',
      // Set but not used by this scheme.
      apiKeyId: 'id',
      apiKey: 'key',
    });

    expect(options.auth).toEqual({ username: 'elastic', password: 's3cret' });
  });

  it('sends the API key id and key for the scheme API Key', () => {
    const options = clientOptionsOf({
      ...base,
      authorizationScheme: 'API_KEY',
      apiKeyId: 'VuaCfGcBCdbkQm-e5aOx',
      apiKey: 'ui2lp2axTNmsyakw9tvNnw',
      username: 'ignored',
    });

    expect(options.auth).toEqual({
      apiKey: { id: 'VuaCfGcBCdbkQm-e5aOx', api_key: 'ui2lp2axTNmsyakw9tvNnw' },
    });
  });

  it('caps the connections per host only when Max Connections is set', () => {
    expect(clientOptionsOf({ ...base, maxConnections: 1 }).agent).toEqual({ connections: 1 });
    expect(clientOptionsOf(base)).not.toHaveProperty('agent');
  });

  it('trusts the given CA certificate and may skip verification', () => {
    const options = clientOptionsOf({ ...base, caCertificate: PEM, verifyCertificates: false });

    expect(options.tls).toEqual({ timeout: 5000, rejectUnauthorized: false, ca: PEM });
  });

  it('refuses a scheme whose credentials are missing, naming the property', () => {
    expect(() => clientOptionsOf({ ...base, authorizationScheme: 'BASIC', username: 'u' })).toThrow(
      "'Password' is required when the Authorization Scheme is Basic",
    );
    expect(() => clientOptionsOf({ ...base, authorizationScheme: 'API_KEY', apiKey: 'k' })).toThrow(
      "'API Key ID' is required when the Authorization Scheme is API Key",
    );
  });
});

describe('parseHttpHosts', () => {
  it('refuses credentials in a URL without repeating the password', () => {
    const parsed = parseHttpHosts('http://elastic:hunter2@127.0.0.1:9200');

    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain('Username and Password');
    expect(!parsed.ok && parsed.problem).not.toContain('hunter2');
  });

  it('refuses what is not an http(s) URL, and an empty list', () => {
    expect(parseHttpHosts('127.0.0.1:9200')).toMatchObject({ ok: false });
    expect(parseHttpHosts('ftp://127.0.0.1')).toMatchObject({
      ok: false,
      problem: "'ftp://127.0.0.1' is not an http or https URL",
    });
    expect(parseHttpHosts(' , ')).toEqual({ ok: false, problem: 'names no host' });
  });
});

describe('ElasticSearchClientServiceImpl', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  async function runnerWith(service: Record<string, string>): Promise<TestRunner> {
    const runner = await TestRunner.create(PutElasticsearchJson, {
      properties: { clientService: 'es', index: 'unused' },
      services: { es: { definition: ElasticSearchClientServiceImpl, properties: service } },
    });
    closers.push(() => runner.close());
    return runner;
  }

  function instanceOf(runner: TestRunner): ElasticSearchClientService {
    return runner.engine.controllerServices.get('es')!.instance() as ElasticSearchClientService;
  }

  it('enables without contacting the server', async () => {
    // A plain TCP listener stands where Elasticsearch would be, and counts who connects.
    let connections = 0;
    const listener: Server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    const port = await freePort();
    await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => listener.close(() => resolve())));

    const runner = await runnerWith({
      httpHosts: `http://127.0.0.1:${port}`,
      authorizationScheme: 'NONE',
    });

    expect(runner.engine.controllerServices.get('es')!.state).toBe('ENABLED');
    expect(connections).toBe(0);
  });

  it('refuses to enable with the default scheme Basic and no credentials', async () => {
    await expect(
      TestRunner.create(PutElasticsearchJson, {
        properties: { clientService: 'es', index: 'unused' },
        services: {
          es: {
            definition: ElasticSearchClientServiceImpl,
            properties: { httpHosts: 'http://127.0.0.1:9200' },
          },
        },
      }),
    ).rejects.toThrow("'Username' is required when the Authorization Scheme is Basic");
  });

  it('reports a refused connection as unreachable, naming the node', async () => {
    const port = await freePort();
    const runner = await runnerWith({
      httpHosts: `http://127.0.0.1:${port}`,
      authorizationScheme: 'NONE',
    });

    const answer = await instanceOf(runner).bulk(['{"delete":{"_index":"x","_id":"1"}}'], {});

    expect(answer).toMatchObject({ ok: false, problem: { kind: 'unreachable' } });
    expect(!answer.ok && answer.problem.message).toMatch(
      new RegExp(`^Elasticsearch at http://127\\.0\\.0\\.1:${port} is unreachable: .*ECONNREFUSED`),
    );
  });

  it('talks to the real server, and disabling closes the client', async () => {
    const { url } = inject('services').elasticsearch!;
    const runner = await runnerWith({ httpHosts: url, authorizationScheme: 'NONE' });
    const service = instanceOf(runner);
    expect(service.hosts).toEqual([url]);
    expect(service.transitUrl('logs 2025')).toBe(`${url}/logs%202025`);
    await expect(service.client.cluster.health()).resolves.toMatchObject({
      status: expect.stringMatching(/green|yellow/),
    });

    expect(await runner.engine.disableService('es')).toEqual({ ok: true });

    await expect(service.client.cluster.health()).rejects.toThrow(
      'There are no living connections',
    );
  });
});
