import {
  parseFlowDocument,
  type FlowDocument,
  type FlowDocumentInput,
  type PropertyOwner,
} from '@sluice/flow-schema';
import { describe, expect, it } from 'vitest';
import { diffFlows, isEmptyDiff } from './flow-diff.js';
import type { PropertyInfo } from './flow-diff-types.js';

const NAMES: Record<string, string> = { searchValue: 'Search Value', password: 'Password' };

const propertyInfo = (_component: PropertyOwner, key: string): PropertyInfo => ({
  name: NAMES[key] ?? key,
  sensitive: key === 'password',
});

function doc(flow: Partial<FlowDocumentInput['flow']>): FlowDocument {
  return parseFlowDocument({ schemaVersion: 1, flow: { id: 'f', name: 'Flow', ...flow } });
}

const gen = {
  id: 'gen',
  type: 'GenerateFlowFile',
  name: 'Generate',
  position: { x: 0, y: 0 },
};
const wrap = {
  id: 'wrap',
  type: 'ReplaceText',
  name: 'Wrap',
  position: { x: 300, y: 0 },
  properties: { searchValue: '(.*)' },
};
const link = {
  id: 'c1',
  source: { id: 'gen' },
  destination: { id: 'wrap' },
  relationships: ['success'],
};

describe('diffFlows', () => {
  it('finds nothing between a flow and itself, nor in run state alone', () => {
    // Given a flow, and the same flow with a processor running
    const v1 = doc({ processors: [gen, wrap], connections: [link] });
    const running = doc({ processors: [{ ...gen, state: 'RUNNING' }, wrap], connections: [link] });
    // Then neither differs from the first
    expect(isEmptyDiff(diffFlows(v1, v1, { propertyInfo }))).toBe(true);
    expect(isEmptyDiff(diffFlows(v1, running, { propertyInfo }))).toBe(true);
  });

  it('lists added and removed components with what is needed to draw them', () => {
    const v1 = doc({ processors: [gen], labels: [] });
    const v2 = doc({
      processors: [wrap],
      labels: [
        {
          id: 'note',
          text: 'Read me\nsecond line',
          position: { x: 5, y: 6 },
          size: { width: 100, height: 40 },
        },
      ],
    });
    const diff = diffFlows(v1, v2, { propertyInfo });
    expect(diff.components).toEqual([
      {
        change: 'removed',
        kind: 'processor',
        id: 'gen',
        name: 'Generate',
        fields: [],
        sketch: { type: 'GenerateFlowFile', position: { x: 0, y: 0 } },
      },
      {
        change: 'added',
        kind: 'processor',
        id: 'wrap',
        name: 'Wrap',
        fields: [],
        sketch: { type: 'ReplaceText', position: { x: 300, y: 0 } },
      },
      {
        change: 'added',
        kind: 'label',
        id: 'note',
        name: 'Read me',
        fields: [],
        sketch: {
          position: { x: 5, y: 6 },
          size: { width: 100, height: 40 },
          text: 'Read me\nsecond line',
        },
      },
    ]);
  });

  it('lists each changed field of a processor by its display name', () => {
    const v1 = doc({ processors: [gen, wrap] });
    const v2 = doc({
      processors: [
        gen,
        {
          ...wrap,
          name: 'Wrap lines',
          position: { x: 320, y: 40 },
          properties: { searchValue: '(?s)(^.*$)', replacementValue: 'x' },
          scheduling: { period: '5 sec', concurrentTasks: 2 },
          autoTerminatedRelationships: ['failure'],
          comments: 'why',
        },
      ],
    });
    const [change] = diffFlows(v1, v2, { propertyInfo }).components;
    expect(change).toMatchObject({
      change: 'changed',
      kind: 'processor',
      id: 'wrap',
      name: 'Wrap lines',
    });
    expect(change!.fields).toEqual([
      { category: 'name', field: 'Name', before: 'Wrap', after: 'Wrap lines' },
      { category: 'property', field: 'replacementValue', before: null, after: 'x' },
      { category: 'property', field: 'Search Value', before: '(.*)', after: '(?s)(^.*$)' },
      { category: 'scheduling', field: 'Run schedule', before: '0 sec', after: '5 sec' },
      { category: 'scheduling', field: 'Concurrent tasks', before: '1', after: '2' },
      {
        category: 'relationships',
        field: 'Auto-terminated relationships',
        before: '(none)',
        after: 'failure',
      },
      { category: 'position', field: 'Position', before: '300, 0', after: '320, 40' },
      { category: 'comments', field: 'Comments', before: null, after: 'why' },
    ]);
  });

  it('never shows a sensitive value, only whether it is set; a parameter reference is shown', () => {
    const sink = { id: 'sink', type: 'SecretSink', name: 'Sink', position: { x: 0, y: 0 } };
    const v1 = doc({ processors: [{ ...sink, properties: { password: 'hunter2' } }] });
    const v2 = doc({ processors: [{ ...sink, properties: { password: 'swordfish' } }] });
    const v3 = doc({ processors: [{ ...sink, properties: { password: '#{db.password}' } }] });
    const changed = diffFlows(v1, v2, { propertyInfo });
    expect(changed.components[0]!.fields).toEqual([
      { category: 'property', field: 'Password', before: 'set', after: 'set', hidden: true },
    ]);
    expect(JSON.stringify(changed)).not.toMatch(/hunter2|swordfish/);
    expect(diffFlows(v1, v3, { propertyInfo }).components[0]!.fields).toEqual([
      {
        category: 'property',
        field: 'Password',
        before: 'set',
        after: '#{db.password}',
        hidden: true,
      },
    ]);
  });

  it('hides a dynamic property marked sensitive on either side, and shows the mark changing', () => {
    // Given an InvokeHTTP whose Authorization header becomes sensitive, then changes value
    const call = { id: 'call', type: 'InvokeHTTP', name: 'Call', position: { x: 0, y: 0 } };
    const plain = doc({ processors: [{ ...call, properties: { Authorization: 'Bearer one' } }] });
    const marked = (value: string) =>
      doc({
        processors: [
          {
            ...call,
            properties: { Authorization: value },
            sensitiveDynamicProperties: ['Authorization'],
          },
        ],
      });

    // When diffed (with or without the registry's property info)
    const onMarking = diffFlows(plain, marked('Bearer two'), { propertyInfo });
    const onChange = diffFlows(marked('Bearer two'), marked('Bearer three'));

    // Then no value is shown, only that it is set, and the mark itself is a change
    expect(onMarking.components[0]!.fields).toEqual([
      { category: 'property', field: 'Authorization', before: 'set', after: 'set', hidden: true },
      {
        category: 'property',
        field: 'Sensitive dynamic properties',
        before: '(none)',
        after: 'Authorization',
      },
    ]);
    expect(onChange.components[0]!.fields).toEqual([
      { category: 'property', field: 'Authorization', before: 'set', after: 'set', hidden: true },
    ]);
    expect(JSON.stringify([onMarking, onChange])).not.toMatch(/Bearer/);
  });

  it('describes connections by their ends and lists rewiring and settings', () => {
    const log = { id: 'log', type: 'LogAttribute', name: 'Log', position: { x: 600, y: 0 } };
    const v1 = doc({ processors: [gen, wrap, log], connections: [link] });
    const v2 = doc({
      processors: [gen, wrap, log],
      connections: [
        {
          ...link,
          destination: { id: 'log' },
          backPressure: { objectThreshold: 50 },
          prioritizers: ['OLDEST_FIRST'],
        },
      ],
    });
    const [change] = diffFlows(v1, v2).components;
    expect(change).toMatchObject({
      change: 'changed',
      kind: 'connection',
      name: 'Generate → Log (success)',
      sketch: { source: 'gen', destination: 'log', relationships: ['success'] },
    });
    expect(change!.fields.map((f) => [f.field, f.before, f.after])).toEqual([
      ['Destination', 'Wrap', 'Log'],
      ['Back pressure object threshold', '10000', '50'],
      ['Prioritizers', '(none)', 'OLDEST_FIRST'],
    ]);
  });

  it('reports flow fields, and hides controller service values and sensitive parameters', () => {
    const v1 = doc({
      controllerServices: [
        { id: 's', type: 'Kafka', name: 'Kafka', properties: { brokers: 'a:9092' } },
      ],
      parameterContexts: [
        {
          id: 'p',
          name: 'Params',
          parameters: [
            { name: 'dir', value: '/in' },
            { name: 'token', value: 'old-secret', sensitive: true },
          ],
        },
      ],
    });
    const v2 = doc({
      name: 'Renamed',
      parameterContextId: 'p',
      controllerServices: [
        { id: 's', type: 'Kafka', name: 'Kafka', properties: { brokers: 'b:9092' } },
      ],
      parameterContexts: [
        {
          id: 'p',
          name: 'Params',
          parameters: [
            { name: 'dir', value: '/data/in' },
            { name: 'token', value: 'new-secret', sensitive: true },
          ],
        },
      ],
    });
    const diff = diffFlows(v1, v2);
    expect(diff.flow).toEqual([
      { category: 'name', field: 'Flow name', before: 'Flow', after: 'Renamed' },
      { category: 'settings', field: 'Parameter context', before: null, after: 'p' },
    ]);
    expect(diff.components.map((c) => [c.kind, c.fields])).toEqual([
      [
        'controllerService',
        [{ category: 'property', field: 'brokers', before: 'set', after: 'set', hidden: true }],
      ],
      [
        'parameterContext',
        [
          { category: 'parameter', field: 'dir', before: '/in', after: '/data/in' },
          {
            category: 'parameter',
            field: 'token',
            before: 'sensitive, set',
            after: 'sensitive, set',
            hidden: true,
          },
        ],
      ],
    ]);
    expect(JSON.stringify(diff)).not.toMatch(/a:9092|b:9092|old-secret|new-secret/);
  });

  it('gives the same diff whatever order the documents list their components in', () => {
    const v1 = doc({ processors: [gen, wrap] });
    const v2 = doc({
      processors: [
        { ...wrap, name: 'W' },
        { ...gen, name: 'G' },
      ],
    });
    const reordered = doc({
      processors: [
        { ...gen, name: 'G' },
        { ...wrap, name: 'W' },
      ],
    });
    expect(diffFlows(v1, v2)).toEqual(diffFlows(v1, reordered));
  });
});
