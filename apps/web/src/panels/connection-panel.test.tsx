import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionPanel, type ConnectionPanelProps } from './connection-panel.js';
import { connectionOf } from './test-fixtures.js';

afterEach(cleanup);

function renderPanel(overrides: Partial<ConnectionPanelProps> = {}) {
  const props: ConnectionPanelProps = {
    flowId: 'f',
    connection: connectionOf({ prioritizers: ['OLDEST_FIRST'] }),
    sourceName: 'Generate',
    destinationName: 'Wrap',
    relationships: ['success', 'failure'],
    onApply: vi.fn(async () => undefined),
    onClose: vi.fn(),
    ...overrides,
  };
  render(<ConnectionPanel {...props} />);
  return { props, panel: screen.getByTestId('connection-panel') };
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const apply = () => fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
const prioritizers = () => screen.queryAllByTestId('prioritizer').map((li) => li.textContent);

describe('ConnectionPanel', () => {
  it('shows the saved settings and the relationships it carries, read-only', () => {
    renderPanel();
    expect(
      (screen.getByLabelText('Back pressure object threshold') as HTMLInputElement).value,
    ).toBe('10000');
    expect((screen.getByLabelText('Back pressure size threshold') as HTMLInputElement).value).toBe(
      '1 GB',
    );
    expect((screen.getByLabelText('FlowFile expiration') as HTMLInputElement).value).toBe('0 sec');
    const list = screen.getByRole('list', { name: 'Relationships' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('data-carried')),
    ).toEqual(['true', 'false']);
    expect(within(list).queryByRole('checkbox')).toBeNull();
  });

  it('applies only what changed', async () => {
    const { props, panel } = renderPanel();
    type('Back pressure object threshold', '5');
    type('FlowFile expiration', '10 mins');
    expect(panel.getAttribute('data-dirty')).toBe('true');
    apply();
    await waitFor(() =>
      expect(props.onApply).toHaveBeenCalledWith({
        backPressure: { objectThreshold: 5 },
        expiration: '10 mins',
      }),
    );
    await waitFor(() => expect(panel.getAttribute('data-dirty')).toBe('false'));
  });

  it('checks the thresholds as you type, in the flow schema’s words, and does not send bad ones', async () => {
    const { props, panel } = renderPanel();
    type('Back pressure size threshold', '1 GBs');
    type('Back pressure object threshold', '-3');
    const list = screen.getByTestId('validation-errors');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    const size = panel.querySelector('[data-property="dataSizeThreshold"]') as HTMLElement;
    expect(within(size).getByTestId('field-error').textContent).toMatch(
      /Invalid data size "1 GBs": expected a non-negative number and a size unit/,
    );
    apply();
    expect(await screen.findByTestId('panel-error')).toBeTruthy();
    expect(props.onApply).not.toHaveBeenCalled();
    type('Back pressure size threshold', '10 MB');
    type('Back pressure object threshold', '0');
    expect(screen.queryByTestId('validation-errors')).toBeNull();
  });

  it('edits the ordered prioritizers: add, move up and down, remove', async () => {
    const { props } = renderPanel();
    expect(prioritizers()).toEqual(['Oldest flowfile first↑↓Remove']);
    fireEvent.change(screen.getByLabelText('Prioritizer to add'), {
      target: { value: 'NEWEST_FIRST' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add prioritizer' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add prioritizer' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move Newest flowfile first up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Oldest flowfile first' }));
    expect(screen.getByRole('button', { name: 'Move Newest flowfile first up' })).toHaveProperty(
      'disabled',
      true,
    );
    apply();
    await waitFor(() =>
      expect(props.onApply).toHaveBeenCalledWith({ prioritizers: ['NEWEST_FIRST', 'FIFO'] }),
    );
  });

  it('shows the server’s message when Apply is refused and keeps the draft', async () => {
    const onApply = vi.fn(async () => {
      throw new Error("Connection 'success' joins a running processor");
    });
    renderPanel({ onApply });
    type('Name', 'to wrap');
    apply();
    expect((await screen.findByTestId('panel-error')).textContent).toBe(
      "Connection 'success' joins a running processor",
    );
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('to wrap');
  });

  it('closes with the Close button and with Escape', () => {
    const { props } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(screen.getByLabelText('Name'), { key: 'Escape' });
    expect(props.onClose).toHaveBeenCalledTimes(2);
  });
});
