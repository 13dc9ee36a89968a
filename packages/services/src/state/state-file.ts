import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { servicesDir } from '../paths.js';

const kafkaEntry = z.object({
  kind: z.literal('kafka'),
  pid: z.number().int().positive(),
  bootstrap: z.string(),
  brokerPort: z.number().int(),
  controllerPort: z.number().int(),
  workDir: z.string(),
  logFile: z.string(),
  startedAt: z.string(),
});

const sftpEntry = z.object({
  kind: z.literal('sftp'),
  pid: z.number().int().positive(),
  host: z.literal('127.0.0.1'),
  port: z.number().int(),
  username: z.string(),
  password: z.string(),
  privateKeyFile: z.string(),
  hostPublicKey: z.string(),
  remoteDir: z.string(),
  localDir: z.string(),
  workDir: z.string(),
  logFile: z.string(),
  startedAt: z.string(),
});

const elasticsearchEntry = z.object({
  kind: z.literal('elasticsearch'),
  pid: z.number().int().positive(),
  url: z.string(),
  port: z.number().int(),
  transportPort: z.number().int(),
  workDir: z.string(),
  logFile: z.string(),
  startedAt: z.string(),
});

const port = z.number().int();

/** HDFS runs two JVMs, so its entry has two pids. */
const hdfsEntry = z.object({
  kind: z.literal('hdfs'),
  pids: z.object({ namenode: z.number().int().positive(), datanode: z.number().int().positive() }),
  webHdfsUrl: z.string(),
  namenodeRpc: z.string(),
  ports: z.object({
    namenodeRpcPort: port,
    namenodeHttpPort: port,
    datanodePort: port,
    datanodeHttpPort: port,
    datanodeIpcPort: port,
  }),
  workDir: z.string(),
  logFiles: z.object({ namenode: z.string(), datanode: z.string() }),
  startedAt: z.string(),
});

/** What `services:up` started, by service, so `services:down` and tests can find it. */
export const servicesStateSchema = z.object({
  kafka: kafkaEntry.optional(),
  sftp: sftpEntry.optional(),
  elasticsearch: elasticsearchEntry.optional(),
  hdfs: hdfsEntry.optional(),
});

/** The content of `.services/state.json`. */
export type ServicesState = z.infer<typeof servicesStateSchema>;
/** One started service's entry in the state file. */
export type ServiceEntry = NonNullable<
  | ServicesState['kafka']
  | ServicesState['sftp']
  | ServicesState['elasticsearch']
  | ServicesState['hdfs']
>;

/** The pids of an entry's processes (one for most services, the NameNode's and DataNode's for HDFS). */
export function entryPids(entry: ServiceEntry): number[] {
  return entry.kind === 'hdfs' ? [entry.pids.namenode, entry.pids.datanode] : [entry.pid];
}

/** `.services/state.json`. */
export function stateFile(): string {
  return join(servicesDir(), 'state.json');
}

/** Reads the state file; an absent file is an empty state, a corrupt one an error naming it. */
export async function readServicesState(file = stateFile()): Promise<ServicesState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed = servicesStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(
      `${file} is not a services state file (${parsed.error.message}); delete it after stopping the services by hand.`,
    );
  }
  return parsed.data;
}

/** Writes the state file atomically (write beside, then rename). */
export async function writeServicesState(state: ServicesState, file = stateFile()): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o755 });
  const staging = `${file}.${process.pid}.tmp`;
  await writeFile(staging, `${JSON.stringify(state, null, 2)}\n`);
  await rename(staging, file);
}
