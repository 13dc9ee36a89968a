import { TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../api/client.js';
import { useNoticesStore } from '../stores/notices-store.js';
import { importFlowFile } from './import-flow.js';
import { useTransferStore } from './transfer-store.js';

const calls = vi.hoisted(() => ({
  importFlow: vi.fn(),
  loadFlows: vi.fn(async () => undefined),
  switchFlow: vi.fn(async (_id: string) => undefined),
}));
vi.mock('../api/client.js', async (actual) => ({
  ...(await actual<typeof Client>()),
  api: { flows: { import: { mutate: calls.importFlow } } },
}));
vi.mock('../actions/load.js', () => ({ loadFlows: calls.loadFlows }));
vi.mock('../actions/flows.js', () => ({ switchFlow: calls.switchFlow }));

const file = (text: string, name = 'flow.json') => new File([text], name);

beforeEach(() => {
  useTransferStore.setState({ dialog: null, importing: false });
  useNoticesStore.setState({ toast: null, reachable: true });
});
afterEach(() => vi.clearAllMocks());

describe('importFlowFile', () => {
  it('imports the text, opens the new flow and shows the report', async () => {
    // Given a server that takes the file
    const result = { id: 'new', name: 'Demo', format: 'nifi', report: [] };
    calls.importFlow.mockResolvedValue(result);
    // When a file is imported
    await importFlowFile(file('{"flowContents":{}}'));
    // Then its text was sent, the flows read again, the new flow opened, the report shown
    expect(calls.importFlow).toHaveBeenCalledWith({ json: '{"flowContents":{}}' });
    expect(calls.loadFlows).toHaveBeenCalled();
    expect(calls.switchFlow).toHaveBeenCalledWith('new');
    expect(useTransferStore.getState()).toMatchObject({
      importing: false,
      dialog: { kind: 'imported', result },
    });
  });

  it('shows a refusal with its issues, naming the file', async () => {
    const issues = [{ path: 'flow.processors[0].type', message: 'Unknown processor type' }];
    calls.importFlow.mockRejectedValue(
      TRPCClientError.from({
        error: { message: 'invalid', code: -32600, data: { code: 'BAD_REQUEST', issues } },
      }),
    );
    await importFlowFile(file('{}', 'bad.json'));
    expect(useTransferStore.getState().dialog).toEqual({
      kind: 'refused',
      fileName: 'bad.json',
      refusal: { message: 'invalid', issues },
    });
    expect(calls.switchFlow).not.toHaveBeenCalled();
  });

  it('refuses a file over 10 MB with a notice, without calling the server', async () => {
    const big = file('{}', 'big.json');
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    await importFlowFile(big);
    expect(calls.importFlow).not.toHaveBeenCalled();
    expect(useNoticesStore.getState().toast?.message).toContain('big.json is 10 MB');
    expect(useTransferStore.getState().dialog).toBeNull();
  });

  it('reports an unreachable server as such, not as a refusal', async () => {
    calls.importFlow.mockRejectedValue(new TRPCClientError('Failed to fetch'));
    await importFlowFile(file('{}'));
    expect(useNoticesStore.getState().reachable).toBe(false);
    expect(useTransferStore.getState()).toMatchObject({ dialog: null, importing: false });
  });
});
