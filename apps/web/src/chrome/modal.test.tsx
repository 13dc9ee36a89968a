import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Modal } from './modal.js';

afterEach(cleanup);

function renderModal(onClose = vi.fn()) {
  render(
    <Modal labelledBy="t-title" testId="t-dialog" className="dialog t-dialog" onClose={onClose}>
      <h2 id="t-title">Things</h2>
      <button type="button">Inside</button>
    </Modal>,
  );
  return onClose;
}

describe('Modal', () => {
  it('is a modal dialog named by its title, with the given test id and classes', () => {
    renderModal();
    const dialog = screen.getByRole('dialog', { name: 'Things' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.dataset['testid']).toBe('t-dialog');
    expect(dialog.className).toBe('dialog t-dialog');
    expect(dialog.parentElement?.className).toBe('dialog-backdrop');
  });

  it('closes on Escape, which the editor then leaves alone', () => {
    // Given an open modal
    const onClose = renderModal();
    // When Escape is pressed on a control inside it
    const handled = !fireEvent.keyDown(screen.getByRole('button', { name: 'Inside' }), {
      key: 'Escape',
    });
    // Then it closes, and the key is marked handled so the editor does not clear the selection
    expect(onClose).toHaveBeenCalledOnce();
    expect(handled).toBe(true);
  });

  it('ignores other keys', () => {
    const onClose = renderModal();
    const handled = !fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Enter' });
    expect(onClose).not.toHaveBeenCalled();
    expect(handled).toBe(false);
  });

  it('closes on a mouse down on the backdrop', () => {
    const onClose = renderModal();
    fireEvent.mouseDown(screen.getByRole('dialog').parentElement!);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('stays open on a mouse down inside the box', () => {
    const onClose = renderModal();
    fireEvent.mouseDown(screen.getByRole('button', { name: 'Inside' }));
    fireEvent.mouseDown(screen.getByRole('dialog'));
    expect(onClose).not.toHaveBeenCalled();
  });

  it('can be an alert dialog described by its question, on a raised backdrop', () => {
    render(
      <Modal
        role="alertdialog"
        labelledBy="q-title"
        describedBy="q-text"
        testId="q-dialog"
        backdropClassName="raised"
        data-busy={true}
        onClose={vi.fn()}
      >
        <h2 id="q-title">Drop them?</h2>
        <p id="q-text">This cannot be undone.</p>
      </Modal>,
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Drop them?' });
    expect(dialog.getAttribute('aria-describedby')).toBe('q-text');
    expect(dialog.className).toBe('dialog');
    expect(dialog.dataset['busy']).toBe('true');
    expect(dialog.parentElement?.className).toBe('dialog-backdrop raised');
  });
});
