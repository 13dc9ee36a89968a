import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kafkaServerProperties, randomClusterId } from './kafka-config.js';
import { kafkaRuntimePom } from './kafka-runtime.js';

describe('kafka config', () => {
  it('binds both listeners to 127.0.0.1 and gives internal topics one replica', () => {
    const text = kafkaServerProperties({ brokerPort: 1, controllerPort: 2, logDir: '/d' });
    expect(text).toContain('listeners=PLAINTEXT://127.0.0.1:1,CONTROLLER://127.0.0.1:2\n');
    expect(text).toContain('controller.quorum.voters=1@127.0.0.1:2\n');
    for (const key of [
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
      'share.coordinator.state.topic.replication.factor',
    ]) {
      expect(text).toContain(`${key}=1\n`);
    }
  });

  it('creates topics on first use unless told not to', () => {
    const layout = { brokerPort: 1, controllerPort: 2, logDir: '/d' };
    expect(kafkaServerProperties(layout)).toContain('auto.create.topics.enable=true\n');
    expect(kafkaServerProperties({ ...layout, autoCreateTopics: false })).toContain(
      'auto.create.topics.enable=false\n',
    );
  });

  it('adds SASL_PLAINTEXT and SASL_SSL listeners taking PLAIN and SCRAM-SHA-256 when secured', () => {
    const text = kafkaServerProperties({
      brokerPort: 1,
      controllerPort: 2,
      logDir: '/d',
      security: {
        saslPlaintextPort: 3,
        saslSslPort: 4,
        users: { etl: 'etl-secret' },
        keystorePem: '/k.pem',
      },
    });
    expect(text).toContain(
      'listeners=PLAINTEXT://127.0.0.1:1,SASL_PLAINTEXT://127.0.0.1:3,SASL_SSL://127.0.0.1:4,CONTROLLER://127.0.0.1:2\n',
    );
    expect(text).toContain(
      'advertised.listeners=PLAINTEXT://127.0.0.1:1,SASL_PLAINTEXT://127.0.0.1:3,SASL_SSL://127.0.0.1:4\n',
    );
    expect(text).toContain('sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256\n');
    expect(text).toContain(
      'listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_etl="etl-secret";\n',
    );
    expect(text).toContain('ssl.keystore.type=PEM\nssl.keystore.location=/k.pem\n');
    expect(kafkaServerProperties({ brokerPort: 1, controllerPort: 2, logDir: '/d' })).not.toContain(
      'sasl',
    );
  });

  it('refuses credentials that JAAS text in a .properties file would mangle', () => {
    const layout = { brokerPort: 1, controllerPort: 2, logDir: '/d' };
    expect(() =>
      kafkaServerProperties({
        ...layout,
        security: {
          saslPlaintextPort: 3,
          saslSslPort: 4,
          users: { etl: 'a"b' },
          keystorePem: '/k.pem',
        },
      }),
    ).toThrow(/letters, digits/);
  });

  it('makes cluster ids as Kafka does, never starting with a dash', () => {
    const dashFirst = Buffer.from([0xf8, ...randomBytes(15)]);
    let calls = 0;
    const id = randomClusterId(() => (calls++ === 0 ? dashFirst : Buffer.alloc(16, 1)));
    expect(dashFirst.toString('base64url').startsWith('-')).toBe(true);
    expect(id).toBe(Buffer.alloc(16, 1).toString('base64url'));
    expect(randomClusterId(() => randomBytes(16))).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });

  it('asks Maven for the broker and a log4j binding', () => {
    const pom = kafkaRuntimePom('4.1.1');
    expect(pom).toContain('<artifactId>kafka_2.13</artifactId><version>4.1.1</version>');
    expect(pom).toContain('<artifactId>log4j-slf4j-impl</artifactId>');
  });
});
