import os from 'node:os';

/** Where and when a bench ran: printed above the tables and kept in the JSON results. */
export interface MachineInfo {
  readonly date: string;
  readonly cpuModel: string;
  readonly cpus: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the bench started: other work on the machine skews figures. */
  readonly loadAverage: number;
}

/** Describes this machine now. */
export function machineInfo(): MachineInfo {
  return {
    date: new Date().toISOString(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}
