import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../api/client.js';
import { useGraphStore } from '../stores/graph-store.js';
import { flowView, processor } from '../testing/fixtures.js';
import { openProvenance } from './provenance-actions.js';
import { ProvenanceHost } from './provenance-dialog.js';
import { useProvenanceStore } from './provenance-store.js';
import { details, lineage, results, row } from './test-fixtures.js';
import { OPEN_LINEAGE_EVENT } from './use-open-lineage-event.js';

const calls = vi.hoisted(() => ({
  search: vi.fn(),
  event: vi.fn(),
  lineage: vi.fn(),
  content: vi.fn(),
}));
vi.mock('../api/client.js', async (actual) => ({
  ...(await actual<typeof Client>()),
  api: {
    provenance: {
      search: { query: calls.search },
      event: { query: calls.event },
      lineage: { query: calls.lineage },
      content: { query: calls.content },
    },
  },
}));

beforeEach(() => {
  useGraphStore
    .getState()
    .setFlow(
      flowView('f', [
        processor('p1', { name: 'Generate', type: 'GenerateFlowFile' }),
        processor('p2', { name: 'Wrap', type: 'ReplaceText' }),
      ]),
    );
  calls.search.mockResolvedValue(results([row(2), row(1, { type: 'CREATE' })]));
  calls.event.mockImplementation(async ({ eventId }: { eventId: number }) =>
    eventId === 3
      ? details(3, { type: 'CLONE', childIds: ['bbbbbbbb-2222'], changedKeys: [] })
      : details(eventId),
  );
  calls.lineage.mockResolvedValue(lineage());
  calls.content.mockResolvedValue({
    size: 14,
    offset: 0,
    length: 14,
    binary: false,
    format: 'text',
    text: 'wrapped: hello',
  });
});

afterEach(() => {
  cleanup();
  useProvenanceStore.getState().reset();
  vi.clearAllMocks();
});

async function openOn(componentId?: string) {
  render(<ProvenanceHost />);
  await act(() => openProvenance(componentId === undefined ? {} : { componentId }));
  return screen.getByRole('dialog', { name: 'Provenance' });
}

describe('the provenance view', () => {
  it('searches by the component it was opened for and lists events newest first', async () => {
    // when opened from Wrap's context menu
    const dialog = await openOn('p2');

    // then the form shows the component and the search asked for it
    expect(calls.search).toHaveBeenCalledWith({ flowId: 'f', limit: 500, componentId: 'p2' });
    expect((within(dialog).getByLabelText('Component') as HTMLSelectElement).value).toBe('p2');
    const rows = within(dialog).getAllByTestId('provenance-row');
    expect(rows.map((r) => r.dataset['eventId'])).toEqual(['2', '1']);
    expect(rows[0]!.textContent).toContain('Wrap');
    expect(screen.getByTestId('provenance-summary').textContent).toBe('2 events, newest first.');
  });

  it('searches again with the form, and stops at a range that cannot match', async () => {
    // given
    const dialog = await openOn();
    fireEvent.change(within(dialog).getByLabelText('Filename contains'), {
      target: { value: 'a.t' },
    });
    fireEvent.change(within(dialog).getByLabelText('Event type'), { target: { value: 'SEND' } });

    // when
    fireEvent.click(within(dialog).getByRole('button', { name: 'Search' }));

    // then
    await waitFor(() =>
      expect(calls.search).toHaveBeenLastCalledWith({
        flowId: 'f',
        limit: 500,
        filename: 'a.t',
        types: ['SEND'],
      }),
    );

    // when the range ends before it starts
    fireEvent.change(within(dialog).getByLabelText('From'), {
      target: { value: '2026-05-02T10:00' },
    });
    fireEvent.change(within(dialog).getByLabelText('To'), {
      target: { value: '2026-05-01T10:00' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Search' }));

    // then the form says why, and nothing is asked
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'From is after To: no event can match',
    );
    expect(calls.search).toHaveBeenCalledTimes(2);
  });

  it('opens an event: attributes before and after with changes marked, and its content', async () => {
    // given
    const dialog = await openOn();

    // when
    fireEvent.click(within(dialog).getAllByTestId('provenance-row')[0]!);

    // then
    const pane = await screen.findByTestId('event-details');
    expect(pane.dataset['eventId']).toBe('2');
    const attributes = within(pane).getAllByTestId('attribute-row');
    expect(attributes.map((a) => [a.dataset['key'], a.dataset['changed']])).toEqual([
      ['filename', 'false'],
      ['mime.type', 'true'],
    ]);
    expect(attributes[1]!.className).toBe('changed');
    expect(attributes[1]!.textContent).toBe('mime.typenot settext/plain');
    expect(within(pane).getByTestId('content-input').textContent).toContain('no longer available');
    expect(within(pane).queryByRole('button', { name: 'View input' })).toBeNull();

    // when the output content is viewed
    fireEvent.click(within(pane).getByRole('button', { name: 'View output' }));

    // then
    const preview = await within(pane).findByTestId('content-preview');
    expect(preview.textContent).toBe('wrapped: hello');
    expect(calls.content).toHaveBeenCalledWith({
      flowId: 'f',
      eventId: 2,
      side: 'output',
      offset: 0,
      length: 16 * 1024,
      format: 'text',
    });
    expect(within(pane).getByRole('link', { name: 'Download' }).getAttribute('href')).toBe(
      '/api/flows/f/provenance/2/content?side=output',
    );

    // when "Only changed" is ticked
    fireEvent.click(within(pane).getByLabelText('Only changed'));

    // then
    expect(
      within(pane)
        .getAllByTestId('attribute-row')
        .map((a) => a.dataset['key']),
    ).toEqual(['mime.type']);
  });

  it('shows the lineage of an event, and follows a clone to its child and back to the parent', async () => {
    // given an event's details
    const dialog = await openOn();
    fireEvent.click(within(dialog).getAllByTestId('provenance-row')[0]!);
    const pane = await screen.findByTestId('event-details');

    // when
    fireEvent.click(within(pane).getByRole('button', { name: 'Show lineage' }));

    // then the graph shows, the event still selected
    await screen.findByTestId('lineage-graph');
    expect(calls.lineage).toHaveBeenCalledWith({ flowId: 'f', flowFileId: 'aaaaaaaa-1111' });
    const selected = screen.getAllByRole('button', { pressed: true });
    expect(selected.map((n) => n.dataset['eventId'])).toEqual(['2']);

    // when the CLONE event is clicked, then its child
    fireEvent.click(screen.getByRole('button', { name: 'CLONE by Generate, event 3' }));
    const clone = await screen.findByTestId('event-details');
    await waitFor(() => expect(clone.dataset['eventId']).toBe('3'));
    fireEvent.click(within(clone).getByRole('button', { name: 'bbbbbbbb-2222' }));

    // then the child is selected, its parent named
    const child = await screen.findByTestId('flowfile-details');
    expect(child.dataset['flowfileId']).toBe('bbbbbbbb-2222');
    const parents = within(child).getByRole('region', { name: 'Parents' });
    fireEvent.click(within(parents).getByRole('button', { name: 'aaaaaaaa-1111' }));
    expect(screen.getByTestId('flowfile-details').dataset['flowfileId']).toBe('aaaaaaaa-1111');
    expect(calls.lineage).toHaveBeenCalledTimes(1);

    // when going back
    fireEvent.click(screen.getByRole('button', { name: 'Back to results' }));

    // then
    expect(screen.getAllByTestId('provenance-row')).toHaveLength(2);
  });

  it('opens the lineage a sluice:open-lineage window event asks for', async () => {
    // given the editor with the view closed
    render(<ProvenanceHost />);
    expect(screen.queryByRole('dialog')).toBeNull();

    // when the queue inspector asks for a flowfile's lineage
    await act(async () => {
      window.dispatchEvent(
        new CustomEvent(OPEN_LINEAGE_EVENT, { detail: { flowFileId: 'bbbbbbbb-2222' } }),
      );
    });

    // then
    await screen.findByTestId('lineage-graph');
    expect(calls.lineage).toHaveBeenCalledWith({ flowId: 'f', flowFileId: 'bbbbbbbb-2222' });
    expect(screen.getByTestId('flowfile-details').dataset['flowfileId']).toBe('bbbbbbbb-2222');
    expect(screen.queryByRole('button', { name: 'Back to results' })).toBeNull();
  });

  it('says why an event cannot be shown, and closes with Escape', async () => {
    // given
    calls.event.mockRejectedValue(new Error('No provenance event 2 in flow'));
    const dialog = await openOn();

    // when
    fireEvent.click(within(dialog).getAllByTestId('provenance-row')[0]!);

    // then
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'No provenance event 2 in flow',
    );
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
