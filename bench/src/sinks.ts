/**
 * Sinks child entry: `sinks.ts <case> <sluice|raw> <tag>` runs one side of one case against the
 * servers named in `SLUICE_BENCH_SINKS_SERVICES` and prints one result line. `tag` makes the
 * run's topic, index or directory fresh. The case's warm-up items go first, untimed (see
 * {@link SinkCase.warmUpItems}).
 */
import {
  isSinkSide,
  servicesFromEnv,
  sinkCase,
  type SinkMeasurement,
  type SinkPair,
  type SinkRun,
  type SinkRunResult,
  type SinkSide,
} from './sinks-common.js';
import { elasticsearchRaw, elasticsearchSluice } from './sinks-elasticsearch.js';
import { hdfsRaw, hdfsSluice } from './sinks-hdfs.js';
import { kafkaRaw, kafkaSluice } from './sinks-kafka.js';
import { sftpRaw, sftpSluice } from './sinks-sftp.js';
import { MIB } from './support/memory.js';
import { emitResult } from './support/result.js';

const SIDES: Record<SinkPair, Record<SinkSide, (run: SinkRun) => Promise<SinkMeasurement>>> = {
  kafka: { sluice: kafkaSluice, raw: kafkaRaw },
  elasticsearch: { sluice: elasticsearchSluice, raw: elasticsearchRaw },
  sftp: { sluice: sftpSluice, raw: sftpRaw },
  hdfs: { sluice: hdfsSluice, raw: hdfsRaw },
};

const [caseId, side, tag] = process.argv.slice(2);
if (!isSinkSide(side) || !tag) throw new Error('usage: sinks.ts <case> <sluice|raw> <tag>');
const chosen = sinkCase(caseId);
if (chosen.warmUpItems > 0) {
  const warm = await SIDES[chosen.pair][side]({
    sinkCase: { ...chosen, items: chosen.warmUpItems },
    services: servicesFromEnv(),
    tag: `${tag}-warm`,
  });
  if (!warm.verified) throw new Error(`the in-process warm-up failed its check: ${warm.check}`);
}
const measured = await SIDES[chosen.pair][side]({
  sinkCase: chosen,
  services: servicesFromEnv(),
  tag,
});
const seconds = measured.elapsedMs / 1000;
const result: SinkRunResult = {
  workload: 'sinks',
  caseId: chosen.id,
  side,
  ...measured,
  itemsPerSecond: measured.items / seconds,
  mibPerSecond: measured.bytes / MIB / seconds,
};
emitResult(result);
process.exit(0);
