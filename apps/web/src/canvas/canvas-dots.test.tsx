import { act, cleanup, render, screen } from '@testing-library/react';
import { ReactFlowProvider, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CanvasDots } from './canvas-dots.js';

afterEach(cleanup);

/** Renders the dots and hands back xyflow's store to move the viewport with. */
function renderDots(gap: number) {
  let store: { setState(partial: Partial<ReactFlowState>): void } | undefined;
  function Grab() {
    store = useStoreApi();
    return null;
  }
  render(
    <ReactFlowProvider>
      <Grab />
      <CanvasDots gap={gap} />
    </ReactFlowProvider>,
  );
  const layer = screen.getByTestId('canvas-dots').firstElementChild as HTMLElement;
  return { store: store!, layer };
}

describe('CanvasDots', () => {
  it('moves its layer by the translation modulo the grid period, without re-drawing the dots', () => {
    const { store, layer } = renderDots(20);
    const pattern = screen.getByTestId('canvas-dots').querySelector('pattern')!;
    act(() => store.setState({ transform: [47, -3, 1] }));
    expect(layer.style.transform).toBe('translate(7px, 17px)');
    expect(pattern.getAttribute('x')).toBe('0');
    act(() => store.setState({ transform: [-47, 63, 1] }));
    expect(layer.style.transform).toBe('translate(13px, 3px)');
  });

  it('scales the period and the layer with the zoom', () => {
    const { store, layer } = renderDots(20);
    act(() => store.setState({ transform: [25, 0, 0.5] }));
    const pattern = screen.getByTestId('canvas-dots').querySelector('pattern')!;
    expect(pattern.getAttribute('width')).toBe('10');
    expect(layer.style.left).toBe('-10px');
    expect(layer.style.transform).toBe('translate(5px, 0px)');
  });
});
