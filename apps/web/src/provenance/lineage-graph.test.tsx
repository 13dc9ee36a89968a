import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LineageGraph } from './lineage-graph.js';
import { lineage } from './test-fixtures.js';

afterEach(cleanup);

function draw(selection: Parameters<typeof LineageGraph>[0]['selection'] = null) {
  const onSelectEvent = vi.fn();
  const onSelectFlowFile = vi.fn();
  render(
    <LineageGraph
      lineage={lineage()}
      selection={selection}
      onSelectEvent={onSelectEvent}
      onSelectFlowFile={onSelectFlowFile}
    />,
  );
  return { onSelectEvent, onSelectFlowFile };
}

describe('LineageGraph', () => {
  it('draws every event labelled by its type and every flowfile, with typed links', () => {
    draw();
    const events = screen
      .getAllByTestId('lineage-node')
      .filter((n) => n.dataset['kind'] === 'event')
      .map((n) => n.dataset['eventType']);
    expect(events).toEqual(['CREATE', 'CONTENT_MODIFIED', 'CLONE', 'SEND', 'DROP']);
    expect(
      screen.getByRole('button', { name: 'CLONE by Generate, event 3' }).textContent,
    ).toContain('CLONE');
    expect(screen.getByRole('button', { name: 'FlowFile bbbbbbbb-2222' })).toBeTruthy();
    const kinds = screen.getAllByTestId('lineage-edge').map((e) => e.dataset['kind']);
    expect(kinds).toEqual(['start', 'next', 'next', 'child', 'next', 'start']);
  });

  it('selects an event or a flowfile by click or by keyboard, and marks the selection', () => {
    const { onSelectEvent, onSelectFlowFile } = draw({ kind: 'event', eventId: 2 });
    fireEvent.click(screen.getByRole('button', { name: 'CLONE by Generate, event 3' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'FlowFile bbbbbbbb-2222' }), {
      key: 'Enter',
    });
    expect(onSelectEvent).toHaveBeenCalledWith(3);
    expect(onSelectFlowFile).toHaveBeenCalledWith('bbbbbbbb-2222');
    const pressed = screen.getAllByRole('button', { pressed: true });
    expect(pressed.map((n) => n.dataset['eventId'])).toEqual(['2']);
  });
});
