import { z } from 'zod';
import { waitUntil, type WaitOptions } from '../wait-until.js';

/** What the NameNode's `FSNamesystemState` MBean says about the cluster, as far as readiness goes. */
export interface NamesystemState {
  liveDataNodes: number;
  /** `FSState` is `safeMode` until the NameNode accepts writes, then `Operational`. */
  safeMode: boolean;
  /** Bytes the DataNodes report free: 0 until the first DataNode sent its storage report. */
  capacityRemaining: number;
}

const namesystemStateBean = z.object({
  beans: z.array(
    z.object({
      NumLiveDataNodes: z.number(),
      FSState: z.string(),
      CapacityRemaining: z.number(),
    }),
  ),
});

/** The JMX query URL of the `FSNamesystemState` MBean on a NameNode's HTTP address. */
export function namesystemStateUrl(namenodeHttpUrl: string): string {
  return `${namenodeHttpUrl}/jmx?qry=Hadoop:service=NameNode,name=FSNamesystemState`;
}

/** Reads `/jmx` output; `undefined` while the MBean is not registered yet. */
export function parseNamesystemState(json: unknown): NamesystemState | undefined {
  const bean = namesystemStateBean.parse(json).beans[0];
  if (!bean) return undefined;
  return {
    liveDataNodes: bean.NumLiveDataNodes,
    safeMode: bean.FSState !== 'Operational',
    capacityRemaining: bean.CapacityRemaining,
  };
}

/**
 * Whether a client can write now: a live DataNode, safe mode off, and storage reported (a
 * DataNode counts as live at registration, before its first storage report; a write in between
 * fails with "could only be written to 0 of the 1 minReplication nodes").
 */
export function isNamesystemWritable(state: NamesystemState): boolean {
  return state.liveDataNodes >= 1 && !state.safeMode && state.capacityRemaining > 0;
}

/**
 * Resolves once the NameNode at `namenodeHttpUrl` (`http://127.0.0.1:<port>`) reports a writable
 * cluster; on time-out the error says what it last reported.
 */
export async function waitForHdfs(
  namenodeHttpUrl: string,
  wait: Omit<WaitOptions, 'intervalMs'>,
): Promise<NamesystemState> {
  return waitUntil(
    async () => {
      const response = await fetch(namesystemStateUrl(namenodeHttpUrl), {
        signal: AbortSignal.timeout(2_000),
      });
      if (!response.ok) throw new Error(`${namenodeHttpUrl}/jmx answered ${response.status}`);
      const state = parseNamesystemState(await response.json());
      if (!state)
        throw new Error(`the NameNode at ${namenodeHttpUrl} has no FSNamesystemState yet`);
      if (isNamesystemWritable(state)) return state;
      throw new Error(
        `the NameNode at ${namenodeHttpUrl} reports ${state.liveDataNodes} live DataNode(s), ` +
          `safe mode ${state.safeMode ? 'on' : 'off'}, ${state.capacityRemaining} bytes free`,
      );
    },
    { intervalMs: 500, ...wait },
  );
}
