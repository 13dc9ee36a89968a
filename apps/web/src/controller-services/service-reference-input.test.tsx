import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../api/client.js';
import type { ControllerServiceView } from '../api/types.js';
import { useSessionStore } from '../auth/session-store.js';
import { ProcessorPanel, type ProcessorPanelProps } from '../panels/processor-panel.js';
import { listSftpEntry, processorOf } from '../panels/test-fixtures.js';
import type { ValidateDraft } from '../panels/use-draft-validation.js';
import { useServicesDialog } from './services-dialog-store.js';
import { useServicesStore } from './services-store.js';
import { kafkaType, serviceOf, sftpPoolType, sftpType } from './test-fixtures.js';

const fake = vi.hoisted(() => ({ list: vi.fn(), add: vi.fn(), types: vi.fn() }));
vi.mock('../api/client.js', async (actual) => ({
  ...(await actual<typeof Client>()),
  api: {
    controllerServices: { list: { query: fake.list }, add: { mutate: fake.add } },
    catalog: { services: { query: fake.types } },
  },
}));

let services: ControllerServiceView[] = [];

beforeEach(() => {
  useServicesStore.setState({
    flowId: null,
    services: [],
    loaded: false,
    error: undefined,
    types: [],
    typesLoaded: false,
    revision: 0,
  });
  useServicesDialog.setState({ open: false, focusId: null });
  useSessionStore.setState({ session: { status: 'checking' } });
  services = [
    serviceOf('a', { name: 'Inbox', state: 'ENABLED' }),
    serviceOf('b', { name: 'Outbox' }),
    serviceOf('k', { name: 'Events', type: kafkaType.type, provides: kafkaType.provides }),
  ];
  fake.list.mockImplementation(async () => services);
  fake.types.mockResolvedValue([kafkaType, sftpType]);
  fake.add.mockImplementation(async ({ type }: { type: string }) => {
    const added = serviceOf('n', { type, name: type, properties: {} });
    services = [...services, added];
    return added;
  });
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const noIssues = vi.fn<ValidateDraft>(async () => ({ issues: [], relationships: ['success'] }));

function renderPanel(overrides: Partial<ProcessorPanelProps> = {}) {
  const props: ProcessorPanelProps = {
    flowId: 'f',
    processor: processorOf('ListSFTP', {
      properties: { connection: 'a' },
      autoTerminatedRelationships: ['success'],
    }),
    entry: listSftpEntry,
    connectedRelationships: new Set(),
    onApply: vi.fn(async () => undefined),
    onClose: vi.fn(),
    validateDraft: noIssues,
    debounceMs: 0,
    ...overrides,
  };
  const view = render(<ProcessorPanel {...props} />);
  return { ...view, props };
}

const select = () => screen.getByLabelText('SFTP Connection Service') as HTMLSelectElement;
const optionTexts = () => [...select().options].map((o) => o.textContent);
const createOption = () =>
  [...select().options].find((o) => o.textContent === 'Create new service…')!;

async function loaded() {
  await waitFor(() => expect(optionTexts()).toContain('Outbox (Disabled)'));
}

describe('ServiceReferenceInput in the processor panel', () => {
  it('offers the flow’s services that provide the API, with their state, and Create new service…', async () => {
    renderPanel();
    await loaded();
    expect(optionTexts()).toEqual([
      'Not set',
      'Inbox (Enabled)',
      'Outbox (Disabled)',
      'Create new service…',
    ]);
    expect(select().value).toBe('a');
    expect(select().getAttribute('aria-required')).toBe('true');
    const help = document.getElementById(select().getAttribute('aria-describedby')!)!;
    expect(help.textContent).toBe(
      'The connection to the SFTP server. A controller service providing SftpConnectionService.',
    );
    expect(fake.list).toHaveBeenCalledWith({ flowId: 'f' });
  });

  it('sends a new choice to be checked and applied; the server’s message shows at the field', async () => {
    const validate = vi.fn<ValidateDraft>(async (input) => ({
      issues:
        input.properties?.['connection'] === 'b'
          ? [
              {
                property: 'connection',
                message:
                  "'SFTP Connection Service' refers to controller service 'Outbox', which is not enabled",
              },
            ]
          : [],
      relationships: ['success'],
    }));
    const { props } = renderPanel({ validateDraft: validate });
    await loaded();
    fireEvent.change(select(), { target: { value: 'b' } });
    const field = document.querySelector('[data-property="connection"]') as HTMLElement;
    await waitFor(() =>
      expect(within(field).getByTestId('field-error').textContent).toBe(
        "'SFTP Connection Service' refers to controller service 'Outbox', which is not enabled",
      ),
    );
    expect(select().getAttribute('aria-invalid')).toBe('true');
    expect(validate).toHaveBeenLastCalledWith({
      flowId: 'f',
      id: 'ListSFTP-1',
      properties: { connection: 'b' },
      autoTerminatedRelationships: ['success'],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(props.onApply).toHaveBeenCalled());
    expect(props.onApply).toHaveBeenCalledWith({ properties: { connection: 'b' } });
  });

  it('creates a service of the only type providing the API and chooses it', async () => {
    renderPanel();
    await loaded();
    await waitFor(() => expect(useServicesStore.getState().typesLoaded).toBe(true));
    fireEvent.change(select(), { target: { value: createOption().value } });
    await waitFor(() => expect(select().value).toBe('n'));
    expect(fake.add).toHaveBeenCalledWith({ flowId: 'f', type: 'StandardSftpConnectionService' });
    expect(optionTexts()).toContain('StandardSftpConnectionService (Disabled)');
    expect(screen.getByTestId('panel-dirty')).toBeTruthy();
  });

  it('asks which type when several provide the API', async () => {
    fake.types.mockResolvedValue([kafkaType, sftpPoolType, sftpType]);
    renderPanel();
    await loaded();
    await waitFor(() => expect(useServicesStore.getState().typesLoaded).toBe(true));
    fireEvent.change(select(), { target: { value: createOption().value } });
    const choice = await screen.findByTestId('service-create-choice');
    expect(
      within(choice)
        .getAllByTestId('service-type')
        .map((t) => t.textContent),
    ).toEqual([
      'PooledSftpConnectionService provides SftpConnectionServiceKeeps a pool of SFTP connections open.',
      'StandardSftpConnectionService provides SftpConnectionServiceConnects to an SFTP server with a password or a private key.',
    ]);
    expect(select().value).toBe('a');
    const create = within(choice).getByRole('button', { name: 'Create' }) as HTMLButtonElement;
    expect(create.disabled).toBe(true);
    fireEvent.click(within(choice).getByLabelText(/PooledSftpConnectionService/));
    fireEvent.click(create);
    await waitFor(() => expect(select().value).toBe('n'));
    expect(fake.add).toHaveBeenCalledWith({ flowId: 'f', type: 'PooledSftpConnectionService' });
    expect(screen.queryByTestId('service-create-choice')).toBeNull();
  });

  it('shows a refused create at the field', async () => {
    fake.add.mockRejectedValue(new Error('Needs the editor role'));
    renderPanel();
    await loaded();
    await waitFor(() => expect(useServicesStore.getState().typesLoaded).toBe(true));
    fireEvent.change(select(), { target: { value: createOption().value } });
    const field = document.querySelector('[data-property="connection"]') as HTMLElement;
    expect((await within(field).findByRole('alert')).textContent).toBe('Needs the editor role');
    expect(select().value).toBe('a');
  });

  it('lets only an editor create a service', async () => {
    useSessionStore.setState({
      session: {
        status: 'signed-in',
        user: { username: 'ann', role: 'operator' },
        authentication: true,
      },
    });
    renderPanel();
    await loaded();
    expect(createOption().disabled).toBe(true);
    expect(createOption().title).toBe('Needs the editor role');
  });

  it('opens the Controller Services dialog at the chosen service', async () => {
    renderPanel();
    await loaded();
    const goTo = screen.getByRole('button', { name: 'Go to service' }) as HTMLButtonElement;
    fireEvent.click(goTo);
    expect(useServicesDialog.getState()).toMatchObject({ open: true, focusId: 'a' });
    fireEvent.change(select(), { target: { value: '' } });
    expect(goTo.disabled).toBe(true);
  });

  it('keeps a reference to a service that is gone visible', async () => {
    renderPanel({ processor: processorOf('ListSFTP', { properties: { connection: 'gone' } }) });
    await waitFor(() => expect(optionTexts()).toContain('Missing service gone'));
    expect(select().value).toBe('gone');
  });

  it('checks the draft again when a service was enabled or disabled', async () => {
    const validate = vi.fn<ValidateDraft>(async () => ({ issues: [], relationships: [] }));
    const { rerender, props } = renderPanel({ validateDraft: validate, revalidateKey: 0 });
    await waitFor(() => expect(validate).toHaveBeenCalledTimes(1));
    act(() => rerender(<ProcessorPanel {...props} revalidateKey={1} />));
    await waitFor(() => expect(validate).toHaveBeenCalledTimes(2));
    expect(validate.mock.calls[1]![0]).toEqual(validate.mock.calls[0]![0]);
  });
});
