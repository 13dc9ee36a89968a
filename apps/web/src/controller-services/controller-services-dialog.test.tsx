import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../api/client.js';
import type { ControllerServiceView } from '../api/types.js';
import { useSessionStore } from '../auth/session-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useNoticesStore } from '../stores/notices-store.js';
import { ControllerServicesDialog, ControllerServicesHost } from './controller-services-dialog.js';
import { useServicesDialog } from './services-dialog-store.js';
import { useServicesStore } from './services-store.js';
import { kafkaType, serviceOf, sftpType } from './test-fixtures.js';

const fake = vi.hoisted(() => ({
  list: vi.fn(),
  add: vi.fn(),
  update: vi.fn(),
  remove: vi.fn(),
  enable: vi.fn(),
  disable: vi.fn(),
  types: vi.fn(),
  reloadFlow: vi.fn(async () => undefined),
}));
vi.mock('../api/client.js', async (actual) => ({
  ...(await actual<typeof Client>()),
  api: {
    controllerServices: {
      list: { query: fake.list },
      add: { mutate: fake.add },
      update: { mutate: fake.update },
      delete: { mutate: fake.remove },
      enable: { mutate: fake.enable },
      disable: { mutate: fake.disable },
    },
    catalog: { services: { query: fake.types } },
  },
}));
vi.mock('../actions/load.js', () => ({ reloadFlow: fake.reloadFlow }));

/** What the fake server holds; each test starts from its own. */
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
  useSessionStore.setState({ session: { status: 'checking' } });
  fake.list.mockImplementation(async () => services);
  fake.types.mockResolvedValue([kafkaType, sftpType]);
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

function signIn(role: 'viewer' | 'operator' | 'editor') {
  useSessionStore.setState({
    session: { status: 'signed-in', user: { username: 'ann', role }, authentication: true },
  });
}

async function open(focusId: string | null = null) {
  render(<ControllerServicesDialog flowId="f" focusId={focusId} onClose={() => undefined} />);
  const dialog = await screen.findByTestId('controller-services-dialog');
  return dialog;
}

async function rowOf(name: string): Promise<HTMLElement> {
  await waitFor(() =>
    expect(document.querySelector(`[data-testid="service-row"][data-name="${name}"]`)).not.toBe(
      null,
    ),
  );
  return document.querySelector(`[data-testid="service-row"][data-name="${name}"]`)!;
}

const button = (scope: HTMLElement, name: string) =>
  within(scope).getByRole('button', { name }) as HTMLButtonElement;

describe('ControllerServicesDialog: the list', () => {
  it('shows each service with its type, API, state, problems and the processors using it', async () => {
    services = [
      serviceOf('a', {
        name: 'Inbox',
        validationErrors: [{ property: 'password', message: "'Password' is required" }],
        referencedBy: [{ id: 'p', name: 'List inbox', type: 'ListSFTP', state: 'STOPPED' }],
      }),
      serviceOf('b', { name: 'Events', type: kafkaType.type, provides: 'KafkaConnectionService' }),
    ];
    await open();
    const inbox = await rowOf('Inbox');
    const cells = within(inbox).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual([
      "Inbox'Password' is required",
      'StandardSftpConnectionService',
      'SftpConnectionService',
      'Disabled',
      'List inbox Stopped',
      'ConfigureEnableDelete',
    ]);
    const warning = within(inbox).getByRole('img', { name: 'Invalid' });
    expect(warning.getAttribute('title')).toBe("'Password' is required");
    expect(within(inbox).getByTestId('service-state').dataset.state).toBe('DISABLED');
    // An invalid service cannot be enabled; the reason is in the button's tooltip.
    expect(button(inbox, 'Enable').disabled).toBe(true);
    expect(button(inbox, 'Enable').title).toBe('Fix the problems first');

    const events = await rowOf('Events');
    expect(within(events).queryByRole('img', { name: 'Invalid' })).toBeNull();
    expect(within(events).getByTestId('service-users').textContent).toBe('None');
    expect(button(events, 'Enable').disabled).toBe(false);
  });

  it('says so when the flow has no service, and when the list cannot be read', async () => {
    services = [];
    await open();
    expect(
      await screen.findByText('This flow has no controller service yet: add one.'),
    ).toBeTruthy();
    cleanup();
    fake.list.mockRejectedValue(new Error("No flow with id 'f'"));
    await open();
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Could not read the controller services: No flow with id 'f'",
    );
  });
});

describe('ControllerServicesDialog: add and configure', () => {
  it('adds a service of a type picked by its description, then opens its configuration', async () => {
    services = [];
    fake.add.mockImplementation(async ({ type, name }: { type: string; name?: string }) => {
      const added = serviceOf('new', { type, name: name ?? type, properties: {} });
      services = [added];
      return added;
    });
    const dialog = await open();
    fireEvent.click(await screen.findByRole('button', { name: 'Add service' }));
    const add = await screen.findByTestId('add-service');
    const types = await within(add).findAllByTestId('service-type');
    expect(types.map((t) => t.textContent)).toEqual([
      'Kafka3ConnectionService provides KafkaConnectionServiceConnects to Kafka 3 or later brokers.',
      'StandardSftpConnectionService provides SftpConnectionServiceConnects to an SFTP server with a password or a private key.',
    ]);
    expect(button(add, 'Add').disabled).toBe(true);
    fireEvent.click(within(add).getByLabelText(/StandardSftpConnectionService/));
    fireEvent.change(within(add).getByLabelText('Name'), { target: { value: 'Inbox' } });
    fireEvent.click(button(add, 'Add'));

    const form = await screen.findByTestId('service-config');
    expect(fake.add).toHaveBeenCalledWith({
      flowId: 'f',
      type: 'StandardSftpConnectionService',
      name: 'Inbox',
    });
    expect(within(form).getByRole('heading').textContent).toBe('Configure Inbox');
    expect(dialog.dataset.view).toBe('configure');
  });

  it('configures with the processor panel’s controls; a secret is write-only and shows “set” after Apply', async () => {
    services = [
      serviceOf('a', {
        name: 'Inbox',
        properties: { hostname: 'old.example', password: { set: false } },
        validationErrors: [{ property: 'password', message: "'Password' is required" }],
      }),
    ];
    fake.update.mockImplementation(
      async (input: { id: string; name?: string; properties?: Record<string, unknown> }) => {
        services = services.map((s) =>
          s.id === input.id
            ? {
                ...s,
                name: input.name ?? s.name,
                properties: {
                  ...s.properties,
                  hostname: 'sftp.example',
                  password: { set: true },
                },
                validationErrors: [],
              }
            : s,
        );
        return services[0];
      },
    );
    await open();
    fireEvent.click(button(await rowOf('Inbox'), 'Configure'));
    const form = await screen.findByTestId('service-config');

    // Labels, defaults, help and choices come from the type's spec, as in the processor panel.
    const host = within(form).getByLabelText('Hostname') as HTMLInputElement;
    expect(host.value).toBe('old.example');
    expect(within(form).getByText('The SFTP server to connect to.')).toBeTruthy();
    expect((within(form).getByLabelText('Port') as HTMLInputElement).placeholder).toBe('22');
    const strict = within(form).getByLabelText('Strict Host Key Checking') as HTMLSelectElement;
    expect(strict.tagName).toBe('SELECT');
    expect([...strict.options].map((o) => o.textContent)).toEqual([
      'Default (true)',
      'true',
      'false',
    ]);
    const password = within(form).getByLabelText('Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(within(form).getByTestId('sensitive-status').textContent).toBe('not set');
    // The problem that keeps it from being enabled is shown at its field and in the list.
    const passwordField = form.querySelector('[data-property="password"]') as HTMLElement;
    expect(within(passwordField).getByTestId('field-error').textContent).toBe(
      "'Password' is required",
    );
    expect(within(form).getByTestId('validation-errors').textContent).toBe(
      "'Password' is required",
    );

    const apply = button(form, 'Apply');
    expect(apply.disabled).toBe(true);
    fireEvent.change(host, { target: { value: 'sftp.example' } });
    fireEvent.change(password, { target: { value: 'pa55' } });
    expect(within(form).queryByTestId('validation-errors')).toBeNull();
    fireEvent.click(apply);

    await waitFor(() =>
      expect(within(form).getByTestId('sensitive-status').textContent).toBe('set'),
    );
    expect(fake.update).toHaveBeenCalledWith({
      flowId: 'f',
      id: 'a',
      properties: { hostname: 'sftp.example', password: 'pa55' },
    });
    expect(password.value).toBe('');
    expect(form.dataset.dirty).toBe('false');
    expect(apply.disabled).toBe(true);
    // A second Apply without typing would not resend the secret.
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Inbox 2' } });
    fireEvent.click(apply);
    await waitFor(() => expect(fake.update).toHaveBeenCalledTimes(2));
    expect(fake.update).toHaveBeenLastCalledWith({ flowId: 'f', id: 'a', name: 'Inbox 2' });
  });

  it('shows a refused Apply in the form', async () => {
    services = [serviceOf('a', { name: 'Inbox' })];
    fake.update.mockRejectedValue(
      new Error(
        "Controller service 'Inbox' is enabled; disable it before changing its configuration",
      ),
    );
    await open();
    fireEvent.click(button(await rowOf('Inbox'), 'Configure'));
    const form = await screen.findByTestId('service-config');
    fireEvent.change(within(form).getByLabelText('Hostname'), { target: { value: 'x' } });
    fireEvent.click(button(form, 'Apply'));
    expect((await within(form).findByRole('alert')).textContent).toMatch(
      /disable it before changing its configuration/,
    );
    expect(useNoticesStore.getState().toast).toBeNull();
  });

  it('shows an enabled service read-only: disable the service to change it', async () => {
    services = [serviceOf('a', { name: 'Inbox', state: 'ENABLED' })];
    await open();
    const row = await rowOf('Inbox');
    expect(button(row, 'Delete').disabled).toBe(true);
    expect(button(row, 'Delete').title).toBe('Disable the service to delete it');
    fireEvent.click(button(row, 'Configure'));
    const form = await screen.findByTestId('service-config');
    expect(within(form).getByTestId('service-locked').textContent).toBe(
      'Disable the service to change it.',
    );
    expect(within(form).getByLabelText('Hostname').matches(':disabled')).toBe(true);
    expect(within(form).getByLabelText('Password').matches(':disabled')).toBe(true);
    expect(within(form).getByLabelText('Name').matches(':disabled')).toBe(true);
    expect(button(form, 'Apply').disabled).toBe(true);
    fireEvent.click(button(form, 'Back to services'));
    expect(await rowOf('Inbox')).toBeTruthy();
  });
});

describe('ControllerServicesDialog: enable, disable, delete', () => {
  it('enables a service, then reads the services and the flow again', async () => {
    services = [serviceOf('a', { name: 'Inbox' })];
    fake.enable.mockImplementation(async () => {
      services = [{ ...services[0]!, state: 'ENABLED' }];
      return services[0];
    });
    fake.disable.mockImplementation(async () => {
      services = [{ ...services[0]!, state: 'DISABLED' }];
      return services[0];
    });
    await open();
    fireEvent.click(button(await rowOf('Inbox'), 'Enable'));
    await waitFor(() => expect(screen.getByTestId('service-state').dataset.state).toBe('ENABLED'));
    expect(fake.enable).toHaveBeenCalledWith({ flowId: 'f', id: 'a' });
    // Processors using the service change validity: the flow is read again and open panels recheck.
    expect(fake.reloadFlow).toHaveBeenCalledTimes(1);
    expect(useServicesStore.getState().revision).toBe(1);

    fireEvent.click(button(await rowOf('Inbox'), 'Disable'));
    await waitFor(() => expect(screen.getByTestId('service-state').dataset.state).toBe('DISABLED'));
    expect(fake.disable).toHaveBeenCalledWith({ flowId: 'f', id: 'a' });
    expect(fake.reloadFlow).toHaveBeenCalledTimes(2);
  });

  it('shows a refused disable beside the service, not as a toast', async () => {
    services = [
      serviceOf('a', {
        name: 'Vault',
        state: 'ENABLED',
        referencedBy: [{ id: 'p', name: 'X', type: 'TokenUser', state: 'RUNNING' }],
      }),
    ];
    fake.disable.mockRejectedValue(
      new Error("Cannot disable 'Vault': Processor 'X' is running and uses 'Vault'; stop it first"),
    );
    await open();
    fireEvent.click(button(await rowOf('Vault'), 'Disable'));
    const error = await screen.findByTestId('service-error');
    expect(error.textContent).toBe(
      "Cannot disable 'Vault': Processor 'X' is running and uses 'Vault'; stop it first",
    );
    expect(error.getAttribute('role')).toBe('alert');
    expect(useNoticesStore.getState().toast).toBeNull();
    // The state is read again after a refusal too.
    expect(fake.list).toHaveBeenCalledTimes(2);
  });

  it('asks before deleting; Cancel keeps the service, Delete removes it', async () => {
    services = [serviceOf('a', { name: 'Inbox' }), serviceOf('b', { name: 'Outbox' })];
    fake.remove.mockImplementation(async ({ id }: { id: string }) => {
      services = services.filter((s) => s.id !== id);
      return { deleted: id };
    });
    await open();
    fireEvent.click(button(await rowOf('Inbox'), 'Delete'));
    let question = await screen.findByRole('alertdialog', { name: 'Delete controller service' });
    expect(question.textContent).toMatch(/Delete Inbox\?/);
    fireEvent.click(button(question, 'Cancel'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.remove).not.toHaveBeenCalled();
    // Escape closes only the question, not the dialog behind it.
    fireEvent.click(button(await rowOf('Inbox'), 'Delete'));
    question = await screen.findByRole('alertdialog');
    fireEvent.keyDown(question, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByTestId('controller-services-dialog')).toBeTruthy();

    fireEvent.click(button(await rowOf('Inbox'), 'Delete'));
    fireEvent.click(button(await screen.findByRole('alertdialog'), 'Delete'));
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(1));
    expect(fake.remove).toHaveBeenCalledWith({ flowId: 'f', id: 'a' });
    expect(screen.getByTestId('service-row').dataset.name).toBe('Outbox');
  });

  it('shows a refused delete beside the service', async () => {
    services = [serviceOf('a', { name: 'Vault' })];
    fake.remove.mockRejectedValue(new Error("Cannot delete 'Vault': used by 'Uses vault'"));
    await open();
    fireEvent.click(button(await rowOf('Vault'), 'Delete'));
    fireEvent.click(button(await screen.findByRole('alertdialog'), 'Delete'));
    expect((await screen.findByTestId('service-error')).textContent).toBe(
      "Cannot delete 'Vault': used by 'Uses vault'",
    );
    expect(screen.getAllByTestId('service-row')).toHaveLength(1);
  });
});

describe('ControllerServicesDialog: roles and opening', () => {
  it('lets a viewer look only, and an operator enable but not add or delete', async () => {
    services = [serviceOf('a', { name: 'Inbox' })];
    signIn('viewer');
    await open();
    let row = await rowOf('Inbox');
    expect(button(row, 'Enable').disabled).toBe(true);
    expect(button(row, 'Enable').title).toBe('Needs the operator role');
    expect(button(row, 'Delete').disabled).toBe(true);
    expect(
      (screen.getByRole('button', { name: 'Add service' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.click(button(row, 'Configure'));
    const form = await screen.findByTestId('service-config');
    expect(within(form).getByLabelText('Hostname').matches(':disabled')).toBe(true);
    expect(within(form).getByText('Needs the editor role to change it.')).toBeTruthy();
    cleanup();

    signIn('operator');
    await open();
    row = await rowOf('Inbox');
    expect(button(row, 'Enable').disabled).toBe(false);
    expect(button(row, 'Delete').disabled).toBe(true);
    expect(
      (screen.getByRole('button', { name: 'Add service' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('opens from the store at a service, which is highlighted', async () => {
    services = [serviceOf('a', { name: 'Inbox' }), serviceOf('b', { name: 'Outbox' })];
    useGraphStore.setState({ flowId: 'f' });
    render(<ControllerServicesHost />);
    expect(screen.queryByTestId('controller-services-dialog')).toBeNull();
    act(() => useServicesDialog.getState().openAt('b'));
    expect((await rowOf('Outbox')).getAttribute('aria-current')).toBe('true');
    expect((await rowOf('Inbox')).getAttribute('aria-current')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('controller-services-dialog')).toBeNull();
    expect(useServicesDialog.getState()).toMatchObject({ open: false, focusId: null });
  });
});
