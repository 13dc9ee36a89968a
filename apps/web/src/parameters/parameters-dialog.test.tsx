import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../api/client.js';
import { ParametersDialog } from './parameters-dialog.js';
import type { ParametersView } from './parameter-draft.js';

const view: ParametersView = {
  boundContextId: 'c',
  contexts: [
    {
      id: 'c',
      name: 'Logins',
      parameters: [{ name: 'db.password', sensitive: true, value: { set: true } }],
    },
  ],
};

const calls = vi.hoisted(() => ({
  get: vi.fn(),
  save: vi.fn(),
  reloadFlow: vi.fn(async () => undefined),
}));
vi.mock('../api/client.js', async (actual) => ({
  ...(await actual<typeof Client>()),
  api: { parameters: { get: { query: calls.get }, save: { mutate: calls.save } } },
}));
vi.mock('../actions/load.js', () => ({ reloadFlow: calls.reloadFlow }));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('ParametersDialog', () => {
  it('shows a secret only as set, and saves a new parameter without resending the secret', async () => {
    calls.get.mockResolvedValue(view);
    calls.save.mockImplementation(async () => view);
    render(<ParametersDialog flowId="f" onClose={() => undefined} />);
    const secret = (await screen.findByLabelText('Value of db.password')) as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect(screen.getByTestId('sensitive-status').textContent).toBe('set');

    fireEvent.click(screen.getByRole('button', { name: 'Add parameter' }));
    fireEvent.change(screen.getAllByLabelText('Parameter name')[1]!, {
      target: { value: 'db.user' },
    });
    fireEvent.change(screen.getByLabelText('Value of db.user'), { target: { value: 'ops' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.save).toHaveBeenCalled());
    expect(calls.save).toHaveBeenCalledWith({
      flowId: 'f',
      boundContextId: 'c',
      contexts: [
        {
          id: 'c',
          name: 'Logins',
          parameters: [
            { name: 'db.password', sensitive: true },
            { name: 'db.user', sensitive: false, value: 'ops' },
          ],
        },
      ],
    });
    expect(await screen.findByText('Saved')).toBeTruthy();
  });

  it('refuses to save a repeated name, and shows the server refusal', async () => {
    calls.get.mockResolvedValue(view);
    calls.save.mockRejectedValue(new Error('Only an admin may change parameters'));
    render(<ParametersDialog flowId="f" onClose={() => undefined} />);
    await screen.findByLabelText('Value of db.password');
    fireEvent.click(screen.getByRole('button', { name: 'Add parameter' }));
    fireEvent.change(screen.getAllByLabelText('Parameter name')[1]!, {
      target: { value: 'db.password' },
    });
    expect(screen.getByRole('alert').textContent).toBe("'db.password' appears twice");
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getAllByLabelText('Parameter name')[1]!, {
      target: { value: 'other' },
    });
    fireEvent.click(save);
    expect(await screen.findByText('Only an admin may change parameters')).toBeTruthy();
  });
});
