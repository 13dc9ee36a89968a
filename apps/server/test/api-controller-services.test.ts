import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, startServer, type TestServer } from './api-support.js';

const TOKEN = 'vault-t0ken-Very-s3cret';

let t: TestServer;
afterEach(async () => {
  await t.dispose();
});

/** A flow with a TokenVault service and a TokenUser processor that refers to it. */
async function flowWithService() {
  const { id: flowId } = await t.client.flows.create.mutate({ name: 'Services' });
  const service = await t.client.controllerServices.add.mutate({
    flowId,
    type: 'TokenVault',
    name: 'Vault',
    properties: { url: 'http://127.0.0.1:1' },
  });
  const user = await t.client.processors.add.mutate({
    flowId,
    type: 'TokenUser',
    name: 'Uses vault',
    position: { x: 0, y: 0 },
    properties: { vault: service.id },
  });
  await t.client.processors.update.mutate({
    flowId,
    id: user.processor.id,
    autoTerminatedRelationships: ['success'],
  });
  return { flowId, serviceId: service.id, processorId: user.processor.id };
}

describe('controller services API', () => {
  it('lists the service types with their API and property form', async () => {
    t = await startServer();
    const types = await t.client.catalog.services.query();
    const vault = types.find((s) => s.type === 'TokenVault')!;
    expect(vault.provides).toBe('TokenService');
    expect(vault.propertyOrder).toEqual(['url', 'token']);
    expect(vault.ui.token).toMatchObject({ sensitive: true, displayName: 'Token' });
    const processors = await t.client.catalog.list.query();
    const user = processors.find((p) => p.type === 'TokenUser')!;
    expect(user.ui.vault).toMatchObject({ kind: 'service', serviceApi: 'TokenService' });
  });

  it('adds, configures and enables a service; the processor using it is valid only then', async () => {
    t = await startServer();
    const { flowId, serviceId, processorId } = await flowWithService();
    let [listed] = await t.client.controllerServices.list.query({ flowId });
    expect(listed).toMatchObject({
      id: serviceId,
      name: 'Vault',
      state: 'DISABLED',
      provides: 'TokenService',
      properties: { url: 'http://127.0.0.1:1', token: { set: false } },
      validationErrors: [{ property: 'token', message: "'Token' is required" }],
      referencedBy: [{ id: processorId, name: 'Uses vault', state: 'STOPPED' }],
    });
    expect(await failure(t.client.processors.start.mutate({ flowId, ids: processorId }))).toEqual({
      code: 'BAD_REQUEST',
      message:
        "Cannot start 'Uses vault': 'Token Vault' refers to controller service 'Vault', which is not enabled",
    });
    expect(
      await failure(t.client.controllerServices.enable.mutate({ flowId, id: serviceId })),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: "Cannot enable 'Vault': Token: 'Token' is required",
    });

    await t.client.controllerServices.update.mutate({
      flowId,
      id: serviceId,
      properties: { token: TOKEN },
    });
    const enabled = await t.client.controllerServices.enable.mutate({ flowId, id: serviceId });
    expect(enabled).toMatchObject({ state: 'ENABLED', properties: { token: { set: true } } });
    await t.client.processors.start.mutate({ flowId, ids: processorId });

    expect(
      await failure(t.client.controllerServices.disable.mutate({ flowId, id: serviceId })),
    ).toEqual({
      code: 'BAD_REQUEST',
      message:
        "Cannot disable 'Vault': Processor 'Uses vault' is running and uses 'Vault'; stop it first",
    });
    expect(
      await failure(
        t.client.controllerServices.update.mutate({
          flowId,
          id: serviceId,
          properties: { url: 'x' },
        }),
      ),
    ).toMatchObject({
      message: expect.stringContaining(
        "Controller service 'Vault' is enabled; disable it before changing its configuration",
      ),
    });
    expect(
      await failure(t.client.controllerServices.delete.mutate({ flowId, id: serviceId })),
    ).toEqual({ code: 'BAD_REQUEST', message: "Cannot delete 'Vault': used by 'Uses vault'" });

    // A restart brings the service back enabled before the processor resumes.
    t = await t.restart();
    [listed] = await t.client.controllerServices.list.query({ flowId });
    expect(listed).toMatchObject({ state: 'ENABLED', referencedBy: [{ state: 'RUNNING' }] });

    await t.client.processors.stop.mutate({ flowId, ids: processorId });
    expect(
      await t.client.controllerServices.disable.mutate({ flowId, id: serviceId }),
    ).toMatchObject({ state: 'DISABLED' });
  });

  it('reports an enable that fails, and keeps the token out of answers, files and exports', async () => {
    t = await startServer();
    const { flowId, serviceId, processorId } = await flowWithService();
    await t.client.controllerServices.update.mutate({
      flowId,
      id: serviceId,
      properties: { token: 'refuse' },
    });
    expect(
      await failure(t.client.controllerServices.enable.mutate({ flowId, id: serviceId })),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: "Cannot enable 'Vault': vault at http://127.0.0.1:1 said no",
    });
    await t.client.controllerServices.update.mutate({
      flowId,
      id: serviceId,
      properties: { token: TOKEN },
    });
    await t.client.controllerServices.enable.mutate({ flowId, id: serviceId });
    const { json } = await t.client.flows.export.query({ flowId });
    const saved = await readFile(path.join(t.dataDir, 'flows', `${flowId}.json`), 'utf8');
    const flow = await t.client.flows.get.query({ flowId });
    for (const text of [json, saved, JSON.stringify(flow), ...t.bodies]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(JSON.parse(json).flow.controllerServices[0].properties).not.toHaveProperty('token');
    // The secret lives encrypted and comes back after a restart.
    t = await t.restart();
    await t.client.processors.start.mutate({ flowId, ids: processorId });
    await t.client.processors.stop.mutate({ flowId, ids: processorId });
  });

  it('refuses unknown types and ids with the name of what is missing', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Empty' });
    expect(
      await failure(t.client.controllerServices.add.mutate({ flowId, type: 'NoSuchService' })),
    ).toEqual({
      code: 'BAD_REQUEST',
      message:
        "Unknown controller service type 'NoSuchService'; catalog.services names the known types",
    });
    expect(
      (await failure(t.client.controllerServices.enable.mutate({ flowId, id: 'nope' }))).code,
    ).toBe('NOT_FOUND');
  });
});
