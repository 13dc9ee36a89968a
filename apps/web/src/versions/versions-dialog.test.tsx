import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../api/client.js';
import { useGraphStore } from '../stores/graph-store.js';
import { flowView, processor } from '../testing/fixtures.js';
import { useDiffStore } from './diff-store.js';
import type { VersionDiffView, VersionInfo } from './types.js';
import { VersionsDialog } from './versions-dialog.js';
import { useVersionsStore } from './versions-store.js';

const version = (hash: string, message: string): VersionInfo => ({
  hash,
  shortHash: hash.slice(0, 8),
  message,
  author: { name: 'Sluice', email: 'sluice@localhost' },
  date: '2026-11-26T12:00:00Z',
});
const v1 = version('1111111111aa', 'v1');
const v2 = version('2222222222bb', 'v2');

const calls = vi.hoisted(() => ({
  log: vi.fn(),
  status: vi.fn(),
  commit: vi.fn(),
  diff: vi.fn(),
  restore: vi.fn(),
  remote: vi.fn(),
  setRemote: vi.fn(),
  push: vi.fn(),
  pull: vi.fn(),
  reloadFlow: vi.fn(async () => undefined),
}));
vi.mock('../api/client.js', async (actual) => ({
  ...(await actual<typeof Client>()),
  api: {
    versions: {
      log: { query: calls.log },
      status: { query: calls.status },
      commit: { mutate: calls.commit },
      diff: { query: calls.diff },
      restore: { mutate: calls.restore },
      remote: { query: calls.remote },
      setRemote: { mutate: calls.setRemote },
      push: { mutate: calls.push },
      pull: { mutate: calls.pull },
    },
  },
}));
vi.mock('../actions/load.js', () => ({
  reloadFlow: calls.reloadFlow,
  loadFlows: vi.fn(async () => undefined),
  openFlow: vi.fn(async () => undefined),
}));

const noRemote = { url: null, branch: 'main', ahead: null, behind: null };

beforeEach(() => {
  useGraphStore.getState().setFlow(flowView('f', [processor('a')]));
  useVersionsStore
    .getState()
    .setStatus({ flowId: 'f', tracked: true, uncommitted: true, head: v2 });
  calls.log.mockResolvedValue([v2, v1]);
  calls.remote.mockResolvedValue(noRemote);
  calls.status.mockResolvedValue({ flowId: 'f', tracked: true, uncommitted: false, head: v2 });
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  useDiffStore.getState().clear();
  useGraphStore.getState().reset(null);
});

describe('VersionsDialog', () => {
  it('commits the flow with a message and reads the history again', async () => {
    const v3 = version('3333333333cc', 'v3: wrap lines');
    calls.commit.mockResolvedValue(v3);
    render(<VersionsDialog onClose={() => undefined} />);
    await screen.findByText('v2');
    fireEvent.change(screen.getByLabelText('Commit message'), {
      target: { value: 'v3: wrap lines' },
    });
    calls.log.mockResolvedValue([v3, v2, v1]);
    fireEvent.click(screen.getByRole('button', { name: 'Commit' }));
    expect(await screen.findByText('Committed 33333333')).toBeTruthy();
    expect(calls.commit).toHaveBeenCalledWith({ flowId: 'f', message: 'v3: wrap lines' });
    expect(await screen.findByText('v3: wrap lines')).toBeTruthy();
    expect(useVersionsStore.getState().status?.uncommitted).toBe(false);
  });

  it('draws the diff of two picked versions, older first, and closes', async () => {
    const diff: VersionDiffView = {
      from: { kind: 'commit', version: v1 },
      to: { kind: 'commit', version: v2 },
      diff: {
        flow: [],
        components: [
          {
            change: 'added',
            kind: 'processor',
            id: 'b',
            name: 'Audit',
            fields: [],
            sketch: { type: 'LogAttribute', position: { x: 0, y: 0 } },
          },
        ],
      },
    };
    calls.diff.mockResolvedValue(diff);
    useVersionsStore.getState().setOpen(true);
    render(<VersionsDialog onClose={() => undefined} />);
    const show = screen.getByRole('button', { name: 'Show diff on canvas' }) as HTMLButtonElement;
    fireEvent.click(await screen.findByLabelText('Pick version 22222222'));
    expect(show.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Pick version 11111111'));
    fireEvent.click(show);
    await waitFor(() => expect(useDiffStore.getState().marks).toEqual({ b: 'added' }));
    expect(calls.diff).toHaveBeenCalledWith({ flowId: 'f', from: v1.hash, to: v2.hash });
    expect(useVersionsStore.getState().open).toBe(false);
  });

  it('restores a version only after confirming, saying uncommitted changes are discarded', async () => {
    calls.restore.mockResolvedValue({ restored: v1 });
    render(<VersionsDialog onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Restore version 11111111' }));
    expect(calls.restore).not.toHaveBeenCalled();
    const confirm = screen.getByRole('group', { name: 'Confirm restore' });
    expect(confirm.textContent).toContain('The uncommitted changes will be discarded.');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Restore this version' }));
    await waitFor(() => expect(calls.reloadFlow).toHaveBeenCalled());
    expect(calls.restore).toHaveBeenCalledWith({
      flowId: 'f',
      version: v1.hash,
      discardUncommitted: true,
    });
    await waitFor(() =>
      expect(screen.queryByRole('group', { name: 'Confirm restore' })).toBeNull(),
    );
  });

  it('shows why a push failed, naming the remote', async () => {
    calls.remote.mockResolvedValue({
      url: 'http://127.0.0.1:9/x.git',
      branch: 'main',
      ahead: 1,
      behind: null,
    });
    calls.push.mockRejectedValue(
      new Error(
        "Push to remote 'origin' (http://127.0.0.1:9/x.git) failed: the remote cannot be reached (unable to access). Nothing was lost: every version is kept here; push again when the remote is back.",
      ),
    );
    render(<VersionsDialog onClose={() => undefined} />);
    await waitFor(() =>
      expect((screen.getByLabelText('Remote URL') as HTMLInputElement).value).toBe(
        'http://127.0.0.1:9/x.git',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Push' }));
    const error = await screen.findByTestId('remote-error');
    expect(error.textContent).toContain(
      "Push to remote 'origin' (http://127.0.0.1:9/x.git) failed",
    );
    expect(error.getAttribute('role')).toBe('alert');
  });

  it('does not save the shown URL back unchanged (its credentials are masked)', async () => {
    calls.remote.mockResolvedValue({
      url: 'https://***@git.example.com/x.git',
      branch: 'main',
      ahead: 0,
      behind: 0,
    });
    render(<VersionsDialog onClose={() => undefined} />);
    await waitFor(() =>
      expect((screen.getByLabelText('Remote URL') as HTMLInputElement).value).toBe(
        'https://***@git.example.com/x.git',
      ),
    );
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    calls.setRemote.mockResolvedValue({ ...noRemote, url: '/srv/git/flows.git' });
    fireEvent.change(screen.getByLabelText('Remote URL'), {
      target: { value: '/srv/git/flows.git' },
    });
    fireEvent.click(save);
    expect(await screen.findByText('Remote set to /srv/git/flows.git')).toBeTruthy();
    expect(calls.setRemote).toHaveBeenCalledWith({ url: '/srv/git/flows.git' });
  });
});
