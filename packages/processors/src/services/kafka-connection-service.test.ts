import { freePort } from '@sluice/services';
import type { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { enableKafkaService, uniqueName, waitUntil } from '../../test/support/kafka.js';
import type { KafkaConnectionService } from './kafka-connection-service.js';

let runner: TestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

async function enabled(properties: Record<string, string>): Promise<KafkaConnectionService> {
  const handle = await enableKafkaService(properties);
  runner = handle.runner;
  return handle.service;
}

describe('Kafka3ConnectionService', () => {
  it('enables while no broker listens, and a client then fails saying where, reported once', async () => {
    // Given a service pointing at a port nobody listens on
    const port = await freePort();
    const service = await enabled({ bootstrapServers: `127.0.0.1:${port}` });

    // When a processor asks for a producer
    const error = await service.producer().catch((e: unknown) => e);

    // Then the request fails naming the broker, and kafkajs's repeated connection errors became
    // one warning of the service
    expect(String(error)).toContain(`Could not connect a Kafka producer to 127.0.0.1:${port}`);
    const bulletins = runner!.engine.bulletins.query({ componentId: 'kafka', limit: 100 });
    const refused = bulletins.filter((b) => b.message.includes('ECONNREFUSED'));
    expect(refused.map((b) => b.level)).toContain('WARN');
    expect(new Set(refused.map((b) => b.message)).size).toBe(refused.length);
  });

  it('shares producers per configuration and the admin client; disabling disconnects every client', async () => {
    // Given an enabled service on the real broker
    const { kafka } = inject('services');
    const service = await enabled({ bootstrapServers: kafka!.bootstrap });

    // When processors ask for clients
    const producer = await service.producer();
    const noAutoCreate = await service.producer({ allowAutoTopicCreation: false });
    const admin = await service.admin();
    const consumer = service.consumer(uniqueName('group'));
    await consumer.connect();

    // Then equal requests share one connected client
    expect(await service.producer()).toBe(producer);
    expect(noAutoCreate).not.toBe(producer);
    expect(await service.admin()).toBe(admin);
    expect(Array.isArray(await admin.listTopics())).toBe(true);
    expect(service.transitUri('orders')).toBe(`kafka://${kafka!.bootstrap}/orders`);

    // And disabling the service disconnects all of them, and refuses new ones
    const disconnected: string[] = [];
    producer.on(producer.events.DISCONNECT, () => disconnected.push('producer'));
    noAutoCreate.on(noAutoCreate.events.DISCONNECT, () => disconnected.push('producer'));
    admin.on(admin.events.DISCONNECT, () => disconnected.push('admin'));
    consumer.on(consumer.events.DISCONNECT, () => disconnected.push('consumer'));
    expect(await runner!.engine.disableService('kafka')).toEqual({ ok: true });
    await waitUntil(() => disconnected.length === 4, 'every client to disconnect');
    expect(disconnected.sort()).toEqual(['admin', 'consumer', 'producer', 'producer']);
    await expect(service.producer()).rejects.toThrow('is disabled');
  });

  it('is invalid with SASL but no credentials, or half a client certificate', async () => {
    await expect(
      enabled({ bootstrapServers: '127.0.0.1:9092', securityProtocol: 'SASL_SSL' }),
    ).rejects.toThrow(
      "SASL Username: 'SASL Username' is required with Security Protocol SASL_SSL; SASL Password: 'SASL Password' is required with Security Protocol SASL_SSL",
    );
    await expect(
      enabled({
        bootstrapServers: '127.0.0.1:9092',
        securityProtocol: 'SSL',
        sslClientKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
      }),
    ).rejects.toThrow("'SSL Client Certificate' and 'SSL Client Key' must be set together");
    await expect(enabled({ bootstrapServers: 'kafka-without-port' })).rejects.toThrow(
      "'kafka-without-port' is not host:port",
    );
  });

  it('refuses to enable with certificates that do not parse', async () => {
    await expect(
      enabled({
        bootstrapServers: '127.0.0.1:9092',
        securityProtocol: 'SSL',
        sslTrustedCertificates:
          '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----',
      }),
    ).rejects.toThrow('The SSL certificates or key cannot be used');
  });
});
