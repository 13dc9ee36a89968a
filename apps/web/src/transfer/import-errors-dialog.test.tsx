import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportErrorsDialog } from './import-errors-dialog.js';

afterEach(cleanup);

describe('ImportErrorsDialog', () => {
  it('lists every problem as path — message, one item each', () => {
    // Given a refusal with two issues
    const refusal = {
      message: 'The flow document is not valid',
      issues: [
        { path: 'flow.connections[0].destination', message: "no processor with id 'gone'" },
        { path: 'flow.processors[1].type', message: "Unknown processor type 'PublishKafka'" },
      ],
    };
    // When the dialog shows it
    render(<ImportErrorsDialog fileName="broken.json" refusal={refusal} onClose={vi.fn()} />);
    // Then the file is named and each issue is one item, by path
    const dialog = screen.getByRole('dialog', { name: 'Could not import broken.json' });
    expect(dialog.dataset['testid']).toBe('import-errors');
    expect(dialog.textContent).toContain('Fix these 2 problems in the file');
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      "flow.connections[0].destination — no processor with id 'gone'",
      "flow.processors[1].type — Unknown processor type 'PublishKafka'",
    ]);
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('shows the message when the refusal names no path', () => {
    const refusal = { message: 'an import takes at most 10 MB', issues: [] };
    render(<ImportErrorsDialog fileName="big.json" refusal={refusal} onClose={vi.fn()} />);
    const dialog = screen.getByTestId('import-errors');
    expect(within(dialog).getByRole('alert').textContent).toBe('an import takes at most 10 MB');
    expect(within(dialog).queryByRole('listitem')).toBeNull();
  });

  it('closes with Close', () => {
    const onClose = vi.fn();
    const refusal = { message: 'bad', issues: [{ path: '$', message: 'not JSON' }] };
    render(<ImportErrorsDialog fileName="x.json" refusal={refusal} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
