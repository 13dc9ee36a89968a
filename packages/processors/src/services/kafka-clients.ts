import type { ComponentLog } from '@sluice/engine';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type KafkaConfig,
  type Producer,
  type ProducerConfig,
} from 'kafkajs';
import { componentLogCreator } from './kafka-log.js';

/** Producer settings a processor may choose; the partitioner is always Java's (murmur2 of the key). */
export type KafkaProducerOptions = Omit<ProducerConfig, 'createPartitioner' | 'transactionalId'>;

/** Consumer settings a processor may choose, and the log its kafkajs errors go to. */
export interface KafkaConsumerOptions extends Omit<ConsumerConfig, 'groupId'> {
  /** Where the consumer's kafkajs errors are reported; the service's own log when absent. */
  readonly log?: ComponentLog;
}

const ignore = (): undefined => undefined;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The kafkajs clients of one enabled Kafka connection service: producers shared per
 * configuration and an admin client, each connected on first use (so the service enables while
 * the brokers are down), and the consumers processors created, so that closing the service
 * disconnects every one of them.
 */
export class KafkaClients {
  readonly #config: KafkaConfig;
  readonly #kafka: Kafka;
  readonly #producers = new Map<string, Promise<Producer>>();
  readonly #consumers = new Set<Consumer>();
  #admin: Promise<Admin> | undefined;
  #closed = false;

  constructor(config: KafkaConfig, log: ComponentLog) {
    this.#config = config;
    this.#kafka = this.#client(log);
  }

  /** Where the brokers are, for messages. */
  get where(): string {
    const brokers = this.#config.brokers;
    return Array.isArray(brokers) ? brokers.join(',') : 'the configured brokers';
  }

  /** The connected producer for `options`, shared by every caller asking for the same options. */
  producer(options: KafkaProducerOptions = {}): Promise<Producer> {
    if (this.#closed) return Promise.reject(this.#disabled());
    const key = JSON.stringify(options);
    let connected = this.#producers.get(key);
    if (!connected) {
      const producer = this.#kafka.producer({
        ...options,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      connected = this.#connect(producer, 'producer', () => this.#producers.delete(key));
      this.#producers.set(key, connected);
    }
    return connected;
  }

  /** The connected admin client, shared. */
  admin(): Promise<Admin> {
    if (this.#closed) return Promise.reject(this.#disabled());
    this.#admin ??= this.#connect(this.#kafka.admin(), 'admin client', () => {
      this.#admin = undefined;
    });
    return this.#admin;
  }

  /**
   * A new consumer in `groupId`, not yet connected; its owner connects and disconnects it. Its
   * kafkajs errors go to `options.log`, so they show on the processor that consumes.
   */
  consumer(groupId: string, options: KafkaConsumerOptions = {}): Consumer {
    if (this.#closed) throw this.#disabled();
    const { log, ...config } = options;
    const kafka = log ? this.#client(log) : this.#kafka;
    const consumer = kafka.consumer({ ...config, groupId });
    // kafkajs consumers are objects of closures, so a copy with its own disconnect behaves the same.
    const tracked: Consumer = {
      ...consumer,
      disconnect: async () => {
        this.#consumers.delete(tracked);
        await consumer.disconnect();
      },
    };
    this.#consumers.add(tracked);
    return tracked;
  }

  /** Disconnects every client; later requests fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const producers = [...this.#producers.values()];
    const admin = this.#admin;
    const consumers = [...this.#consumers];
    this.#producers.clear();
    this.#admin = undefined;
    const settled = await Promise.allSettled([...producers, ...(admin ? [admin] : [])]);
    await Promise.allSettled([
      ...settled.map((s) => (s.status === 'fulfilled' ? s.value.disconnect() : undefined)),
      ...consumers.map((c) => c.disconnect()),
    ]);
  }

  #client(log: ComponentLog): Kafka {
    return new Kafka({
      ...this.#config,
      logLevel: logLevel.ERROR,
      logCreator: componentLogCreator(log),
    });
  }

  async #connect<T extends Producer | Admin>(
    client: T,
    what: string,
    forget: () => void,
  ): Promise<T> {
    try {
      await client.connect();
      return client;
    } catch (error) {
      // The next request tries a fresh client; kafkajs reconnects by itself once connected.
      forget();
      await client.disconnect().catch(ignore);
      throw new Error(`Could not connect a Kafka ${what} to ${this.where}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }

  #disabled(): Error {
    return new Error(`The Kafka connection service for ${this.where} is disabled`);
  }
}
