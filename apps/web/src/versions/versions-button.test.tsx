import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../api/client.js';
import { useGraphStore } from '../stores/graph-store.js';
import { flowView, processor } from '../testing/fixtures.js';
import { indicatorState, VersionsButton } from './versions-button.js';
import { useVersionsStore } from './versions-store.js';

const calls = vi.hoisted(() => ({ status: vi.fn() }));
vi.mock('../api/client.js', async (actual) => ({
  ...(await actual<typeof Client>()),
  api: { versions: { status: { query: calls.status } } },
}));

const status = (uncommitted: boolean) => ({
  flowId: 'f',
  tracked: true,
  uncommitted,
  head: {
    hash: 'a1b2c3d4e5',
    shortHash: 'a1b2c3d4',
    message: 'v1',
    author: { name: 'Sluice', email: 'sluice@localhost' },
    date: '2026-11-26T12:00:00Z',
  },
});

beforeEach(() => {
  useGraphStore.getState().setFlow(flowView('f', [processor('a')]));
  useVersionsStore.getState().setStatus(null);
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  useGraphStore.getState().reset(null);
});

describe('VersionsButton', () => {
  it('shows whether the flow has uncommitted changes, and reads it again after an edit', async () => {
    // Given a committed flow
    calls.status.mockResolvedValue(status(false));
    render(<VersionsButton />);
    await waitFor(() =>
      expect(screen.getByTestId('version-state').textContent).toBe('All changes committed'),
    );
    expect(calls.status).toHaveBeenCalledWith({ flowId: 'f' });
    // When the graph changes (an edit), the status is read again after a short pause
    calls.status.mockResolvedValue(status(true));
    act(() => {
      useGraphStore.getState().setFlow(flowView('f', [processor('a'), processor('b')]));
    });
    await waitFor(() =>
      expect(screen.getByTestId('version-state').textContent).toBe('Uncommitted changes'),
    );
    expect(screen.getByTestId('version-indicator').title).toBe('Last version a1b2c3d4: v1');
  });

  it('opens the Versions dialog', async () => {
    calls.status.mockResolvedValue(status(true));
    render(<VersionsButton />);
    act(() => screen.getByTestId('version-indicator').click());
    expect(useVersionsStore.getState().open).toBe(true);
    await waitFor(() => expect(calls.status).toHaveBeenCalled());
  });

  it('says when versioning is unavailable, with the reason as its tooltip', async () => {
    calls.status.mockRejectedValue(new Error('Versioning needs git on this machine'));
    render(<VersionsButton />);
    await waitFor(() =>
      expect(screen.getByTestId('version-state').textContent).toBe('Versioning unavailable'),
    );
    expect(screen.getByTestId('version-indicator').title).toBe(
      'Versioning needs git on this machine',
    );
  });
});

describe('indicatorState', () => {
  it('prefers an error, then an unknown status, then the status', () => {
    expect(indicatorState({ uncommitted: true }, 'no git')).toBe('unavailable');
    expect(indicatorState(null, null)).toBe('unknown');
    expect(indicatorState({ uncommitted: true }, null)).toBe('uncommitted');
    expect(indicatorState({ uncommitted: false }, null)).toBe('committed');
  });
});
