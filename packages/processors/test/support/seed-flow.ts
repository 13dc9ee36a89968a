import { FlowEngine } from '@sluice/engine';
import type { FlowDocument } from '@sluice/flow-schema';
import { expect } from 'vitest';
import { standardRegistry } from '../../src/index.js';

/** Opens a seed flow on `dataDir` with its parameters pointing at the test's servers (no fsync). */
export function openSeedFlow(
  dataDir: string,
  document: FlowDocument,
  parameterValues: Readonly<Record<string, string>>,
): Promise<FlowEngine> {
  return FlowEngine.open({
    dataDir,
    document,
    registry: standardRegistry(),
    fsync: 'never',
    parameterValues,
  });
}

/** Starts every component of a seed flow and expects nothing refused and no bulletin. */
export async function expectCleanStart(engine: FlowEngine): Promise<void> {
  const refused = await engine.startAll();
  const bulletins = engine.bulletins.query({ limit: 20 }).map((b) => b.message);
  expect({ refused: Object.fromEntries(refused), bulletins }).toEqual({
    refused: {},
    bulletins: [],
  });
}

/**
 * Polls until `check` holds (a flow is asynchronous from end to end); on timeout, fails with the
 * engine's latest bulletins, which usually say why.
 */
export async function eventually(
  engine: FlowEngine | undefined,
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs = 60_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) {
      const bulletins = (engine?.bulletins.query({ limit: 20 }) ?? []).map(
        (b) => `${b.componentName}: ${b.message}`,
      );
      throw new Error(`timed out waiting for ${what}; bulletins: ${bulletins.join(' | ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
