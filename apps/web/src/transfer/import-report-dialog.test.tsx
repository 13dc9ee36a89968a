import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportReportDialog } from './import-report-dialog.js';
import type { ImportResult } from './transfer-store.js';

afterEach(cleanup);

function resultOf(overrides: Partial<ImportResult> = {}): ImportResult {
  return { id: 'f2', name: 'Demo', format: 'sluice', report: [], ...overrides };
}

describe('ImportReportDialog', () => {
  it('names a Sluice import and says nothing was lost', () => {
    render(<ImportReportDialog result={resultOf()} onClose={vi.fn()} />);
    const dialog = screen.getByRole('dialog', { name: 'Imported Demo' });
    expect(dialog.dataset['testid']).toBe('import-report');
    expect(dialog.textContent).toContain('Everything was carried over as it was.');
    expect(within(dialog).queryByRole('list')).toBeNull();
  });

  it('says a flow came from NiFi and lists each report line with its path', () => {
    // Given a NiFi import with two report lines
    const result = resultOf({
      name: 'Kitchen sink',
      format: 'nifi',
      report: [
        {
          path: 'flowContents.processors[3]',
          kind: 'processor',
          id: 'http-1',
          name: 'Call API',
          reason: 'InvokeHTTP has no Sluice counterpart; skipped',
        },
        { path: 'externalControllerServices', kind: 'controller service', reason: 'not mapped' },
      ],
    });
    // When the dialog shows it
    render(<ImportReportDialog result={result} onClose={vi.fn()} />);
    // Then the title says where it came from, and every line is listed
    const dialog = screen.getByRole('dialog', { name: 'Imported Kitchen sink from NiFi' });
    expect(dialog.textContent).toContain('Converted from a NiFi flow definition.');
    expect(dialog.textContent).toContain('2 things could not be carried over');
    const items = within(dialog).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      "flowContents.processors[3] — processor 'Call API': InvokeHTTP has no Sluice counterpart; skipped",
      'externalControllerServices — controller service: not mapped',
    ]);
    expect(items[0]?.title).toBe('http-1');
  });

  it('closes with the Close button, which has the focus, and with Escape', () => {
    const onClose = vi.fn();
    render(<ImportReportDialog result={resultOf()} onClose={onClose} />);
    const close = screen.getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    fireEvent.click(close);
    fireEvent.keyDown(close, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
