import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ProcessorPanel,
  type ProcessorChange,
  type ProcessorPanelProps,
} from './processor-panel.js';
import {
  headersEntry,
  processorOf,
  replaceTextEntry,
  routeEntry,
  secretSinkEntry,
} from './test-fixtures.js';
import type { ValidateDraft, ValidateDraftInput } from './use-draft-validation.js';

afterEach(cleanup);

/** A validateDraft that answers what `answer` says for each request, and records the requests. */
function validator(answer: (input: ValidateDraftInput) => Awaited<ReturnType<ValidateDraft>>) {
  return vi.fn<ValidateDraft>(async (input) => answer(input));
}

const noIssues = validator(() => ({ issues: [], relationships: ['success', 'failure'] }));

function renderPanel(overrides: Partial<ProcessorPanelProps> = {}) {
  const props: ProcessorPanelProps = {
    flowId: 'f',
    processor: processorOf('ReplaceText', { autoTerminatedRelationships: ['failure'] }),
    entry: replaceTextEntry,
    connectedRelationships: new Set(['success']),
    onApply: vi.fn(async () => undefined),
    onClose: vi.fn(),
    validateDraft: noIssues,
    debounceMs: 5,
    ...overrides,
  };
  const view = render(<ProcessorPanel {...props} />);
  return { ...view, props, panel: screen.getByTestId('processor-panel') };
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('ProcessorPanel: a form built from the spec', () => {
  it('labels each property with its display name, its default as placeholder, its description as help', () => {
    renderPanel();
    const search = screen.getByLabelText('Search Value');
    expect(search).toHaveProperty('placeholder', '(?s)(^.*$)');
    expect(search.getAttribute('title')).toBe(
      'What to search for: a regular expression in Java syntax.',
    );
    expect(search.getAttribute('aria-required')).toBeNull(); // it has a default
    const help = document.getElementById(search.getAttribute('aria-describedby')!)!;
    expect(help.textContent).toContain('regular expression in Java syntax');
  });

  it('shows fields in the spec’s order, with an EL badge saying the scope', () => {
    const { panel } = renderPanel();
    const properties = [...panel.querySelectorAll('[data-property]')]
      .map((el) => el.getAttribute('data-property'))
      .filter((key) => !key!.startsWith('scheduling.'));
    expect(properties).toEqual(replaceTextEntry.propertyOrder);
    const field = panel.querySelector('[data-property="searchValue"]')!;
    expect(
      within(field as HTMLElement)
        .getByText('EL')
        .getAttribute('title'),
    ).toMatch(/flowfile/);
    expect(panel.querySelector('[data-property="ignoreCase"] .panel-el-badge')).toBeNull();
  });

  it('offers allowable values in a select with their display names, booleans as true/false', () => {
    renderPanel();
    const strategy = screen.getByLabelText('Replacement Strategy') as HTMLSelectElement;
    expect(strategy.tagName).toBe('SELECT');
    expect([...strategy.options].map((o) => o.textContent)).toEqual([
      'Default (Regex Replace)',
      'Regex Replace',
      'Literal',
    ]);
    expect(strategy.options[2]!.title).toBe('Replaces literally');
    const ignoreCase = screen.getByLabelText('Ignore Case') as HTMLSelectElement;
    expect([...ignoreCase.options].map((o) => o.value)).toEqual(['', 'true', 'false']);
  });

  it('edits text properties in a text area', () => {
    renderPanel();
    expect(screen.getByLabelText('Replacement Value').tagName).toBe('TEXTAREA');
  });
});

describe('ProcessorPanel: validation as you type', () => {
  it('checks the draft after a pause and shows issues under the field and in the list', async () => {
    const validate = validator((input) =>
      input.properties?.['searchValue'] === '(unclosed'
        ? {
            issues: [
              {
                property: 'searchValue',
                message:
                  "'Search Value': '(unclosed' is not a valid regular expression (at column 1)",
              },
              {
                message:
                  "Relationship 'success' is not connected to any component and is not auto-terminated",
              },
            ],
            relationships: ['success', 'failure'],
          }
        : { issues: [], relationships: ['success', 'failure'] },
    );
    const { panel } = renderPanel({ validateDraft: validate });
    await waitFor(() => expect(validate).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('validation-errors')).toBeNull();

    type('Search Value', '(unclosed');
    const list = await screen.findByTestId('validation-errors');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(validate).toHaveBeenLastCalledWith({
      flowId: 'f',
      id: 'ReplaceText-1',
      properties: { searchValue: '(unclosed' },
      autoTerminatedRelationships: ['failure'],
    });
    const field = panel.querySelector('[data-property="searchValue"]') as HTMLElement;
    expect(within(field).getByTestId('field-error').textContent).toMatch(/at column 1/);
    expect(screen.getByLabelText('Search Value').getAttribute('aria-invalid')).toBe('true');
    // The relationship issue is shown at the checkbox that fixes it.
    const success = screen.getByLabelText('Auto-terminate success').closest('li')!;
    expect(within(success).getByTestId('field-error').textContent).toMatch(/not connected/);

    type('Search Value', '(closed)');
    await waitFor(() => expect(screen.queryByTestId('validation-errors')).toBeNull());
    expect(screen.queryAllByTestId('field-error')).toHaveLength(0);
  });

  it('sends one request for a burst of keystrokes', async () => {
    const validate = validator(() => ({ issues: [], relationships: [] }));
    renderPanel({ validateDraft: validate, debounceMs: 40 });
    type('Search Value', 'a');
    type('Search Value', 'ab');
    type('Search Value', 'abc');
    await waitFor(() => expect(validate).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 80));
    expect(validate).toHaveBeenCalledTimes(1);
    expect(validate.mock.calls[0]![0].properties).toEqual({ searchValue: 'abc' });
  });

  it('ignores an answer that arrives after the answer to a newer draft', async () => {
    const pending: ((value: Awaited<ReturnType<ValidateDraft>>) => void)[] = [];
    const validate = vi.fn<ValidateDraft>(() => new Promise((resolve) => pending.push(resolve)));
    renderPanel({ validateDraft: validate, debounceMs: 0 });
    await waitFor(() => expect(pending).toHaveLength(1));
    type('Search Value', 'new');
    await waitFor(() => expect(pending).toHaveLength(2));
    await act(async () => {
      pending[1]!({ issues: [{ property: 'searchValue', message: 'newest' }], relationships: [] });
      pending[0]!({ issues: [{ property: 'searchValue', message: 'stale' }], relationships: [] });
    });
    expect(screen.getByTestId('validation-errors').textContent).toBe('newest');
  });

  it('says so when the check fails, and keeps the form usable', async () => {
    const validate = vi.fn<ValidateDraft>(async () => {
      throw new Error('Failed to fetch');
    });
    renderPanel({ validateDraft: validate });
    expect((await screen.findByRole('status')).textContent).toContain('Failed to fetch');
  });

  it('marks concurrent tasks that are not a whole number without asking the server', async () => {
    const { props } = renderPanel();
    type('Concurrent Tasks', '');
    expect(screen.getByTestId('validation-errors').textContent).toContain(
      'Concurrent Tasks must be a whole number',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByTestId('panel-error')).toBeTruthy();
    expect(props.onApply).not.toHaveBeenCalled();
  });
});

describe('ProcessorPanel: Apply and Close', () => {
  it('applies only the changed fields and is clean afterwards', async () => {
    const { props, panel } = renderPanel();
    expect(panel.getAttribute('data-dirty')).toBe('false');
    type('Name', 'Wrap');
    type('Replacement Value', '{"a":"$1"}');
    type('Run Schedule', '5 sec');
    fireEvent.click(screen.getByLabelText('Auto-terminate success'));
    expect(panel.getAttribute('data-dirty')).toBe('true');
    expect(screen.getByTestId('panel-dirty').textContent).toBe('Unsaved changes');
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(props.onApply).toHaveBeenCalledTimes(1));
    expect(vi.mocked(props.onApply).mock.calls[0]![0]).toEqual({
      name: 'Wrap',
      properties: { replacementValue: '{"a":"$1"}' },
      scheduling: { period: '5 sec' },
      autoTerminatedRelationships: ['failure', 'success'],
    } satisfies ProcessorChange);
    await waitFor(() => expect(panel.getAttribute('data-dirty')).toBe('false'));
  });

  it('shows the server’s message when Apply is refused and keeps the draft', async () => {
    const onApply = vi.fn(async () => {
      throw new Error("Processor 'Wrap' is running; stop it before changing its configuration");
    });
    renderPanel({ onApply });
    type('Search Value', 'x+');
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect((await screen.findByTestId('panel-error')).textContent).toBe(
      "Processor 'Wrap' is running; stop it before changing its configuration",
    );
    expect((screen.getByLabelText('Search Value') as HTMLInputElement).value).toBe('x+');
    expect(screen.getByTestId('processor-panel').getAttribute('data-dirty')).toBe('true');
  });

  it('empties a property to put its default back', async () => {
    const { props } = renderPanel({
      processor: processorOf('ReplaceText', { properties: { searchValue: 'a' } }),
    });
    type('Search Value', '');
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(props.onApply).toHaveBeenCalledWith({ properties: { searchValue: null } }),
    );
  });

  it('closes with the Close button and with Escape', () => {
    const { props } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(screen.getByLabelText('Search Value'), { key: 'Escape' });
    expect(props.onClose).toHaveBeenCalledTimes(2);
  });

  it('takes a newly saved processor as its base, keeping edits in progress', () => {
    const first = processorOf('ReplaceText', { properties: { searchValue: 'a' } });
    const { rerender, props } = renderPanel({ processor: first });
    rerender(<ProcessorPanel {...props} processor={{ ...first, name: 'Renamed' }} />);
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Renamed');
    type('Search Value', 'b');
    rerender(<ProcessorPanel {...props} processor={{ ...first, name: 'Again' }} />);
    expect((screen.getByLabelText('Search Value') as HTMLInputElement).value).toBe('b');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Renamed');
  });
});

describe('ProcessorPanel: sensitive properties', () => {
  const sink = processorOf('SecretSink', {
    properties: { password: { set: false }, pin: { set: true } },
  });

  it('shows only whether a secret is set, sends a typed one once, and forgets it', async () => {
    const { props, container } = renderPanel({ processor: sink, entry: secretSinkEntry });
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.value).toBe('');
    const status = () =>
      within(password.closest('.panel-field') as HTMLElement).getByTestId('sensitive-status')
        .textContent;
    expect(status()).toBe('not set');
    type('Password', 'pa55-secret');
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(props.onApply).toHaveBeenCalledWith({ properties: { password: 'pa55-secret' } }),
    );
    await waitFor(() => expect(status()).toBe('set'));
    expect(password.value).toBe('');
    expect(container.innerHTML).not.toContain('pa55-secret');
  });

  it('removes a saved secret with Clear', async () => {
    const { props } = renderPanel({ processor: sink, entry: secretSinkEntry });
    const pin = screen.getByLabelText('PIN').closest('.panel-field') as HTMLElement;
    expect(within(pin).getByTestId('sensitive-status').textContent).toBe('set');
    fireEvent.click(within(pin).getByRole('button', { name: 'Clear' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(props.onApply).toHaveBeenCalledWith({ properties: { pin: null } }));
    await waitFor(() =>
      expect(within(pin).getByTestId('sensitive-status').textContent).toBe('not set'),
    );
  });

  it('never sends a secret to be checked as you type: a query travels in the URL', async () => {
    const validate = validator(() => ({ issues: [], relationships: ['success'] }));
    renderPanel({ processor: sink, entry: secretSinkEntry, validateDraft: validate });
    type('Password', 'pa55-secret');
    type('User', 'bob');
    await waitFor(() => expect(validate.mock.lastCall?.[0].properties).toEqual({ user: 'bob' }));
    expect(JSON.stringify(validate.mock.calls)).not.toContain('pa55-secret');
  });
});

describe('ProcessorPanel: sensitive dynamic properties', () => {
  it('offers Sensitive only where the type supports it', () => {
    renderPanel({ processor: processorOf('RouteOnAttribute'), entry: routeEntry });
    fireEvent.click(screen.getByRole('button', { name: 'Add property' }));
    expect(screen.queryByLabelText('Sensitive')).toBeNull();
  });

  it('takes a new sensitive value in a password field, sends it once, then shows only that it is set', async () => {
    // Given an InvokeHTTP with a new dynamic property marked Sensitive
    const validate = validator(() => ({ issues: [], relationships: ['Response'] }));
    const { props, container } = renderPanel({
      processor: processorOf('InvokeHTTP'),
      entry: headersEntry,
      validateDraft: validate,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add property' }));
    type('Dynamic property 1', 'Authorization');
    fireEvent.click(screen.getByLabelText('Sensitive'));
    const value = screen.getByLabelText('Value of Authorization') as HTMLInputElement;
    expect(value.type).toBe('password');

    // When the secret is typed and applied
    type('Value of Authorization', 'Bearer s3cr3t');
    await waitFor(() =>
      expect(validate.mock.lastCall?.[0].sensitiveDynamicProperties).toEqual(['Authorization']),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    // Then it is sent once with its mark, never to be checked, and the row forgets it
    await waitFor(() =>
      expect(props.onApply).toHaveBeenCalledWith({
        properties: { Authorization: 'Bearer s3cr3t' },
        sensitiveDynamicProperties: ['Authorization'],
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('dynamic-sensitive-status').textContent).toBe(
        'Sensitive value set',
      ),
    );
    expect(value.value).toBe('');
    expect((screen.getByLabelText('Sensitive') as HTMLInputElement).disabled).toBe(true);
    expect(container.innerHTML).not.toContain('s3cr3t');
    expect(JSON.stringify(validate.mock.calls)).not.toContain('s3cr3t');
  });

  it('shows a saved sensitive value as set, with its name fixed and nothing echoed', () => {
    renderPanel({
      processor: processorOf('InvokeHTTP', {
        properties: { Authorization: { set: true } },
        sensitiveDynamicProperties: ['Authorization'],
      }),
      entry: headersEntry,
    });
    const value = screen.getByLabelText('Value of Authorization') as HTMLInputElement;
    expect(value.type).toBe('password');
    expect(value.value).toBe('');
    expect(value.placeholder).toBe('Type to replace the saved value');
    expect((screen.getByLabelText('Dynamic property 1') as HTMLInputElement).readOnly).toBe(true);
    expect(screen.getByTestId('dynamic-sensitive-status').textContent).toBe('Sensitive value set');
  });
});

describe('ProcessorPanel: dynamic properties and relationships', () => {
  const route = processorOf('RouteOnAttribute', { properties: { old: '${a}' } });

  it('adds and removes dynamic properties', async () => {
    const { props } = renderPanel({ processor: route, entry: routeEntry });
    fireEvent.click(screen.getByRole('button', { name: 'Add property' }));
    type('Dynamic property 2', 'big');
    type('Value of big', '${fileSize:gt(100)}');
    fireEvent.click(screen.getByTitle('Remove old'));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(props.onApply).toHaveBeenCalledWith({
        properties: { old: null, big: '${fileSize:gt(100)}' },
      }),
    );
  });

  it('offers the relationships the server says the draft has, labelled for auto-termination', async () => {
    const validate = validator((input) => ({
      issues: [],
      relationships: [
        'unmatched',
        ...Object.keys(input.properties ?? {}).filter((k) => k !== 'old'),
        'old',
      ],
    }));
    renderPanel({ processor: route, entry: routeEntry, validateDraft: validate });
    fireEvent.click(screen.getByRole('button', { name: 'Add property' }));
    type('Dynamic property 2', 'big');
    // Until the server answers the panel guesses (declared plus dynamic); then it follows the answer.
    await waitFor(() => {
      expect(screen.getByLabelText('Auto-terminate big')).toBeTruthy();
      expect(screen.queryByLabelText('Auto-terminate matched')).toBeNull();
    });
    const unmatched = screen.getByLabelText('Auto-terminate unmatched');
    const help = document.getElementById(
      unmatched.getAttribute('aria-describedby')!.split(' ')[0]!,
    )!;
    expect(help.textContent).toBe('Flowfiles that match no condition');
  });

  it('shows a problem of a dynamic property under its row', async () => {
    const validate = validator((input) => ({
      issues: input.properties?.['old']
        ? [{ property: 'old', message: "'old': Unexpected end at column 3" }]
        : [],
      relationships: [],
    }));
    renderPanel({ processor: route, entry: routeEntry, validateDraft: validate });
    type('Value of old', '${');
    const row = screen.getByLabelText('Value of old').closest('li')!;
    expect((await within(row).findByTestId('field-error')).textContent).toContain('column 3');
  });
});

describe('ProcessorPanel: scheduling', () => {
  it('shows the cron expression instead of the run schedule for a cron-driven processor', async () => {
    const { props } = renderPanel();
    expect(screen.queryByLabelText('Cron Expression')).toBeNull();
    fireEvent.change(screen.getByLabelText('Scheduling Strategy'), {
      target: { value: 'CRON_DRIVEN' },
    });
    expect(screen.queryByLabelText('Run Schedule')).toBeNull();
    type('Cron Expression', '0 2 * * *');
    type('Concurrent Tasks', '3');
    fireEvent.change(screen.getByLabelText('Bulletin Level'), { target: { value: 'ERROR' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(props.onApply).toHaveBeenCalledWith({
        scheduling: {
          strategy: 'CRON_DRIVEN',
          cron: '0 2 * * *',
          concurrentTasks: 3,
          bulletinLevel: 'ERROR',
        },
      }),
    );
  });

  it('shows a scheduling issue from the server under its field', async () => {
    const validate = validator((input) => ({
      issues:
        input.scheduling?.period === 'soon'
          ? [{ property: 'scheduling.period', message: 'Run Schedule: Invalid duration "soon"' }]
          : [],
      relationships: [],
    }));
    const { panel } = renderPanel({ validateDraft: validate });
    type('Run Schedule', 'soon');
    const field = panel.querySelector('[data-property="scheduling.period"]') as HTMLElement;
    expect((await within(field).findByTestId('field-error')).textContent).toContain(
      'Invalid duration',
    );
  });
});
