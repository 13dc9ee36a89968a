import type { ComponentLog } from '@sluice/engine';
import type {
  Consumer,
  ConsumerCrashEvent,
  ConsumerGroupJoinEvent,
  EachBatchPayload,
} from 'kafkajs';
import type { KafkaConnectionService } from '../../services/kafka-connection-service.js';
import { consumedRecord, offsetsToCommit, type ConsumedRecord } from './consumed-record.js';
import { RecordBuffer, type BufferLimits } from './record-buffer.js';

/** What happens when the group has no committed offset for a partition (Kafka's auto.offset.reset). */
export type AutoOffsetReset = 'earliest' | 'latest' | 'none';

/** What a record source consumes and how much it holds. */
export interface RecordSourceOptions {
  readonly service: KafkaConnectionService;
  readonly groupId: string;
  /** Topic names, or a pattern matched against the topics that exist when the consumer starts. */
  readonly topics: readonly string[] | RegExp;
  readonly autoOffsetReset: AutoOffsetReset;
  readonly limits: BufferLimits;
  /** Whether taken records' offsets are committed to Kafka (NiFi's Commit Offsets). */
  readonly commitOffsets: boolean;
  readonly log: ComponentLog;
}

/** How long a fetch waits on the broker for new records: also how long a stop may wait on one. */
const FETCH_WAIT_MS = 500;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A long-lived kafkajs consumer feeding an in-memory buffer that triggers drain. kafkajs's run
 * loop fetches and pushes records in (marking them consumed in memory only: autoCommit is off);
 * a trigger takes records, commits its session, and only then commits their offsets to Kafka —
 * so a crash or a rolled-back session replays records instead of losing them (at-least-once).
 *
 * Back-pressure: when the buffer is full the consumer pauses its partitions (it stays in the
 * group: paused, kafkajs still heartbeats) and resumes once triggers drained half of it.
 * Rebalances: records fetched under an earlier assignment are dropped and never committed,
 * since kafkajs fetches again from the committed offsets after any rejoin or restart.
 */
export class KafkaRecordSource {
  readonly #options: RecordSourceOptions;
  readonly #buffer: RecordBuffer<ConsumedRecord>;
  #consumer: Consumer | undefined;
  #starting: Promise<void> | undefined;
  /** The consumer died and will not restart by itself; the next trigger reports it and starts anew. */
  #fatal: Error | undefined;
  /** Consuming may not go on (Auto Offset Reset none without offsets) until the next assignment. */
  #blocked: Error | undefined;
  /** Paused for a reason other than a full buffer (the offset check of `none`). */
  #holding = false;
  #paused = false;
  #epoch = 0;
  #assignedTopics: string[] = [];
  #stopped = false;

  constructor(options: RecordSourceOptions) {
    this.#options = options;
    this.#buffer = new RecordBuffer(options.limits);
  }

  /** Records waiting to be taken. */
  get buffered(): number {
    return this.#buffer.count;
  }

  /** Whether fetching is paused: a full buffer, or Auto Offset Reset none checking offsets. */
  get paused(): boolean {
    return this.#paused;
  }

  /**
   * Starts the consumer in the background if it is not running, so a trigger never waits on a
   * group join. Throws what keeps the consumer from consuming (once for a crash, which is then
   * retried; every time for a missing offset under Auto Offset Reset none).
   */
  async ensureStarted(): Promise<void> {
    if (this.#stopped) throw new Error('The Kafka record source is stopped');
    if (this.#blocked) throw this.#blocked;
    if (this.#fatal) {
      const fatal = this.#fatal;
      this.#fatal = undefined;
      await this.#disconnect();
      throw fatal;
    }
    if (!this.#consumer) this.#begin();
  }

  /**
   * Takes up to `max` records, waiting for more until `until` (epoch ms) or until `signal`
   * aborts: NiFi's Max Uncommitted Time, one session's worth of records.
   */
  async take(max: number, until: number, signal: AbortSignal): Promise<ConsumedRecord[]> {
    const taken: ConsumedRecord[] = [];
    for (;;) {
      taken.push(...this.#buffer.take(max - taken.length));
      this.#resumeIfDrained();
      if (taken.length >= max || signal.aborted || Date.now() >= until) break;
      if (this.#fatal || this.#blocked) break;
      await this.#buffer.waitForRecords(until, signal);
    }
    // A rebalance while waiting: kafkajs reads those records again from the committed offsets.
    return taken.filter((record) => record.epoch === this.#epoch);
  }

  /** Returns records whose session did not commit to the front of the buffer. */
  giveBack(records: readonly ConsumedRecord[]): void {
    this.#buffer.giveBack(records.filter((record) => record.epoch === this.#epoch));
  }

  /**
   * Commits the offsets after `records` (their session is committed). A failure is reported, not
   * thrown: the flowfiles are safe, and the records will only be received again.
   */
  async commit(records: readonly ConsumedRecord[]): Promise<void> {
    if (!this.#options.commitOffsets) return;
    const current = records.filter((record) => record.epoch === this.#epoch);
    const offsets = offsetsToCommit(current);
    if (offsets.length === 0) return;
    try {
      if (!this.#consumer) throw new Error('the consumer is not running');
      await this.#consumer.commitOffsets(offsets);
    } catch (error) {
      this.#options.log.warn(
        `Could not commit the offsets of ${current.length} records of group '${this.#options.groupId}' to Kafka at ${this.#where()}: ${messageOf(error)}; they will be received again`,
      );
    }
  }

  /** Leaves the group and drops the buffer; uncommitted records go to the next consumer. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#disconnect();
  }

  #begin(): void {
    const { service, groupId, log, topics, autoOffsetReset } = this.#options;
    const consumer = service.consumer(groupId, { log, maxWaitTimeInMs: FETCH_WAIT_MS });
    this.#consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => this.#onJoin(consumer, event));
    consumer.on(consumer.events.CRASH, (event) => this.#onCrash(consumer, event));
    const subscription = topics instanceof RegExp ? [topics] : [...topics];
    this.#starting = (async () => {
      await consumer.connect();
      await consumer.subscribe({
        topics: subscription,
        fromBeginning: autoOffsetReset === 'earliest',
      });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.#onBatch(consumer, payload),
      });
    })().catch((error: unknown) => {
      if (this.#consumer === consumer) {
        this.#fatal = new Error(
          `The Kafka consumer of group '${groupId}' could not start on ${this.#where()}: ${messageOf(error)}`,
          { cause: error },
        );
      }
    });
  }

  async #onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, isRunning, isStale } = payload;
    if (consumer !== this.#consumer || !isRunning() || isStale()) return;
    const epoch = this.#epoch;
    this.#buffer.push(
      batch.messages.map((m) => consumedRecord(batch.topic, batch.partition, m, epoch)),
    );
    // Consumed in memory only (autoCommit is off): the offsets reach Kafka after the session.
    resolveOffset(batch.lastOffset());
    if (this.#buffer.isFull) this.#pause(consumer);
  }

  #onJoin(consumer: Consumer, event: ConsumerGroupJoinEvent): void {
    if (consumer !== this.#consumer) return;
    this.#newEpoch();
    this.#blocked = undefined;
    const assignment = event.payload.memberAssignment;
    this.#assignedTopics = Object.keys(assignment);
    // A pause survives a rebalance in kafkajs, but the buffer it protected is gone.
    this.#setPaused(consumer, false);
    this.#holding = false;
    if (this.#options.autoOffsetReset === 'none') {
      this.#holding = true;
      this.#setPaused(consumer, true);
      void this.#checkCommittedOffsets(consumer, this.#epoch, assignment);
    }
  }

  #onCrash(consumer: Consumer, event: ConsumerCrashEvent): void {
    if (consumer !== this.#consumer) return;
    // kafkajs rebuilds its group state on restart: no pause, offsets from the last commit.
    this.#newEpoch();
    this.#paused = false;
    if (!event.payload.restart) {
      this.#fatal = new Error(
        `The Kafka consumer of group '${this.#options.groupId}' on ${this.#where()} stopped: ${messageOf(event.payload.error)}`,
        { cause: event.payload.error },
      );
    }
  }

  /**
   * Kafka's `auto.offset.reset=none`, which kafkajs lacks: with every assigned partition paused,
   * ask the group's committed offsets, and consume only when each partition has one.
   */
  async #checkCommittedOffsets(
    consumer: Consumer,
    epoch: number,
    assignment: Record<string, number[]>,
  ): Promise<void> {
    const { groupId, service } = this.#options;
    let problem: Error | undefined;
    try {
      const admin = await service.admin();
      const committed = await admin.fetchOffsets({ groupId, topics: Object.keys(assignment) });
      const missing = committed.flatMap(({ topic, partitions }) =>
        partitions
          .filter((p) => assignment[topic]?.includes(p.partition) && Number(p.offset) < 0)
          .map((p) => `${topic}/${p.partition}`),
      );
      if (missing.length > 0) {
        problem = new Error(
          `Group '${groupId}' has no committed offset for ${missing.join(', ')} and Auto Offset Reset is none; commit offsets for the group or choose earliest or latest`,
        );
      }
    } catch (error) {
      problem = new Error(
        `Could not read the committed offsets of group '${groupId}' from ${this.#where()}: ${messageOf(error)}`,
      );
    }
    if (epoch !== this.#epoch || consumer !== this.#consumer) return;
    if (problem) {
      this.#blocked = problem;
      return;
    }
    this.#holding = false;
    this.#setPaused(consumer, false);
  }

  #newEpoch(): void {
    this.#epoch++;
    this.#buffer.clear();
  }

  #pause(consumer: Consumer): void {
    if (!this.#paused) this.#setPaused(consumer, true);
  }

  #resumeIfDrained(): void {
    const consumer = this.#consumer;
    if (consumer && this.#paused && !this.#holding && this.#buffer.hasRoom) {
      this.#setPaused(consumer, false);
    }
  }

  #setPaused(consumer: Consumer, paused: boolean): void {
    const configured = this.#options.topics instanceof RegExp ? [] : this.#options.topics;
    const topics = [...new Set([...this.#assignedTopics, ...configured])].map((topic) => ({
      topic,
    }));
    try {
      if (paused) consumer.pause(topics);
      else consumer.resume(topics);
      this.#paused = paused;
    } catch (error) {
      // Between a crash and its restart kafkajs has no group to pause; the restart starts unpaused.
      this.#options.log.debug(
        `Could not ${paused ? 'pause' : 'resume'} fetching: ${messageOf(error)}`,
      );
    }
  }

  async #disconnect(): Promise<void> {
    const consumer = this.#consumer;
    const starting = this.#starting;
    this.#consumer = undefined;
    this.#starting = undefined;
    this.#newEpoch();
    this.#paused = false;
    this.#holding = false;
    this.#blocked = undefined;
    if (!consumer) return;
    await starting;
    await consumer.disconnect().catch((error: unknown) => {
      this.#options.log.warn(
        `Could not leave consumer group '${this.#options.groupId}' cleanly: ${messageOf(error)}`,
      );
    });
  }

  #where(): string {
    return this.#options.service.bootstrapServers.join(',');
  }
}
