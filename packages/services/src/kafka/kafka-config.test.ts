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
