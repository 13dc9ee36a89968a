import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../api/client.js';
import { AuthGate } from './auth-gate.js';
import { sessionExpired, useSessionStore } from './session-store.js';

const calls = vi.hoisted(() => ({ me: vi.fn() }));
vi.mock('../api/client.js', async (actual) => ({
  ...(await actual<typeof Client>()),
  api: { auth: { me: { query: calls.me } } },
}));

afterEach(() => {
  cleanup();
  useSessionStore.setState({ session: { status: 'checking' } });
});

describe('AuthGate', () => {
  it('shows the login page to nobody, and the editor to a signed-in user', async () => {
    calls.me.mockResolvedValueOnce({ authentication: true, user: null });
    const { unmount } = render(<AuthGate>editor</AuthGate>);
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeTruthy();
    expect(screen.queryByText('editor')).toBeNull();
    unmount();

    calls.me.mockResolvedValueOnce({
      authentication: true,
      user: { username: 'ann', role: 'editor' },
    });
    render(<AuthGate>editor</AuthGate>);
    expect(await screen.findByText('editor')).toBeTruthy();
  });

  it('brings the login page back when the session ends', async () => {
    calls.me.mockResolvedValueOnce({
      authentication: true,
      user: { username: 'ann', role: 'viewer' },
    });
    render(<AuthGate>editor</AuthGate>);
    await screen.findByText('editor');
    sessionExpired();
    expect(await screen.findByText('Your session ended. Log in again to go on.')).toBeTruthy();
  });
});
