import { describe, expect, it } from 'vitest';
import {
  kafkaClientConfig,
  parseBootstrapServers,
  retriesWithin,
  type KafkaConnectionSettings,
} from './kafka-client-config.js';

const CA = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----';
const CERT = '-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----';

const plaintext: KafkaConnectionSettings = {
  bootstrapServers: ['127.0.0.1:9092', 'kafka-2:9093'],
  clientId: 'sluice',
  securityProtocol: 'PLAINTEXT',
  saslMechanism: 'PLAIN',
  tls: {},
  metadataWaitMs: 5_000,
};

describe('kafkaClientConfig', () => {
  it('PLAINTEXT: brokers, client id and the metadata wait, neither TLS nor SASL', () => {
    expect(kafkaClientConfig(plaintext)).toEqual({
      brokers: ['127.0.0.1:9092', 'kafka-2:9093'],
      clientId: 'sluice',
      connectionTimeout: 5_000,
      // 300 + 600 + 1200 + 2400 ms of pauses fit in 5 s
      retry: { initialRetryTime: 300, retries: 4 },
    });
  });

  it('SSL without certificates trusts the system authorities', () => {
    expect(kafkaClientConfig({ ...plaintext, securityProtocol: 'SSL' }).ssl).toBe(true);
  });

  it('SSL with a trust store and a client certificate (mutual TLS), verifying the brokers', () => {
    const config = kafkaClientConfig({
      ...plaintext,
      securityProtocol: 'SSL',
      tls: { trustedCertificates: CA, clientCertificate: CERT, clientKey: KEY },
    });
    expect(config.ssl).toEqual({ rejectUnauthorized: true, ca: [CA], cert: CERT, key: KEY });
    expect(config.sasl).toBeUndefined();
  });

  it('SASL_PLAINTEXT maps each mechanism to kafkajs, without TLS', () => {
    const sasl = (saslMechanism: KafkaConnectionSettings['saslMechanism']) =>
      kafkaClientConfig({
        ...plaintext,
        securityProtocol: 'SASL_PLAINTEXT',
        saslMechanism,
        saslUsername: 'alice',
        saslPassword: 'secret',
      });
    expect(sasl('PLAIN')).toMatchObject({
      sasl: { mechanism: 'plain', username: 'alice', password: 'secret' },
    });
    expect(sasl('SCRAM-SHA-256').sasl).toMatchObject({ mechanism: 'scram-sha-256' });
    expect(sasl('SCRAM-SHA-512').sasl).toMatchObject({ mechanism: 'scram-sha-512' });
    expect(sasl('PLAIN').ssl).toBeUndefined();
  });

  it('SASL_SSL sets both TLS (with the trust store) and SASL', () => {
    const config = kafkaClientConfig({
      ...plaintext,
      securityProtocol: 'SASL_SSL',
      saslMechanism: 'SCRAM-SHA-512',
      saslUsername: 'alice',
      saslPassword: 'secret',
      tls: { trustedCertificates: CA },
    });
    expect(config.ssl).toEqual({ rejectUnauthorized: true, ca: [CA] });
    expect(config.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'alice',
      password: 'secret',
    });
  });

  it('PLAINTEXT ignores SASL and TLS settings left over from another protocol', () => {
    const config = kafkaClientConfig({
      ...plaintext,
      saslUsername: 'alice',
      saslPassword: 'secret',
      tls: { trustedCertificates: CA },
    });
    expect(config.ssl).toBeUndefined();
    expect(config.sasl).toBeUndefined();
  });

  it('refuses incomplete combinations with a reason', () => {
    expect(() =>
      kafkaClientConfig({ ...plaintext, securityProtocol: 'SASL_SSL', saslUsername: 'alice' }),
    ).toThrow('Security Protocol SASL_SSL needs both a SASL Username and a SASL Password');
    expect(() =>
      kafkaClientConfig({
        ...plaintext,
        securityProtocol: 'SSL',
        tls: { clientCertificate: CERT },
      }),
    ).toThrow('SSL Client Certificate and SSL Client Key must be set together');
    expect(() => kafkaClientConfig({ ...plaintext, bootstrapServers: ['kafka'] })).toThrow(
      "Bootstrap Servers: 'kafka' is not host:port",
    );
    expect(() => kafkaClientConfig({ ...plaintext, bootstrapServers: [] })).toThrow(
      'Bootstrap Servers lists no host:port',
    );
  });
});

describe('retriesWithin', () => {
  it('counts the doubling pauses that fit in the budget, at least one and at most ten', () => {
    expect(retriesWithin(100)).toBe(1);
    expect(retriesWithin(900)).toBe(2);
    expect(retriesWithin(60_000)).toBe(7);
    expect(retriesWithin(10_000_000)).toBe(10);
  });
});

describe('parseBootstrapServers', () => {
  it('splits on commas, trimming and dropping empty entries', () => {
    expect(parseBootstrapServers(' a:1, b:2 ,,')).toEqual(['a:1', 'b:2']);
  });
});
