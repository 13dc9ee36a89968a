import { describe, expect, it } from 'vitest';
import { expressionScopeText, propertyFields } from './form-model.js';
import { listSftpEntry, replaceTextEntry, secretSinkEntry } from './test-fixtures.js';

describe('propertyFields', () => {
  it('gives one field per property, in the spec’s order, with its hints', () => {
    const fields = propertyFields(replaceTextEntry);
    expect(fields.map((f) => f.key)).toEqual([
      'replacementStrategy',
      'searchValue',
      'replacementValue',
      'ignoreCase',
      'maxBufferSize',
    ]);
    expect(fields[1]).toMatchObject({
      label: 'Search Value',
      required: true,
      defaultValue: '(?s)(^.*$)',
      widget: 'input',
      expressionScope: 'flowfile',
    });
  });

  it('picks the widget from the kind: select for choices and booleans, text area for text', () => {
    const widgets = Object.fromEntries(
      propertyFields(replaceTextEntry).map((f) => [f.key, f.widget]),
    );
    expect(widgets).toEqual({
      replacementStrategy: 'select',
      searchValue: 'input',
      replacementValue: 'textarea',
      ignoreCase: 'select',
      maxBufferSize: 'input',
    });
  });

  it('labels each allowed value with its display name and keeps its description', () => {
    const strategy = propertyFields(replaceTextEntry)[0]!;
    expect(strategy.options).toEqual([
      {
        value: 'Regex Replace',
        label: 'Regex Replace',
        description: 'Replaces every match of the Search Value',
      },
      { value: 'Literal Replace', label: 'Literal', description: 'Replaces literally' },
    ]);
  });

  it('makes sensitive properties write-only secrets without a default', () => {
    const password = propertyFields(secretSinkEntry).find((f) => f.key === 'password')!;
    expect(password).toMatchObject({ widget: 'secret', defaultValue: undefined });
  });

  it('makes a controller service reference a service choice that names the API it needs', () => {
    const [connection] = propertyFields(listSftpEntry);
    expect(connection).toMatchObject({
      key: 'connection',
      widget: 'service',
      serviceApi: 'SftpConnectionService',
    });
    expect(propertyFields(replaceTextEntry)[0]!.serviceApi).toBeUndefined();
  });

  it('still shows a property the order forgot', () => {
    const fields = propertyFields({ ...replaceTextEntry, propertyOrder: ['searchValue'] });
    expect(fields.map((f) => f.key)).toHaveLength(5);
    expect(fields[0]!.key).toBe('searchValue');
  });
});

describe('expressionScopeText', () => {
  it('says what a property may refer to, and nothing without the expression language', () => {
    expect(expressionScopeText('flowfile')).toMatch(/attribute/);
    expect(expressionScopeText('environment')).toMatch(/without flowfile attributes/);
    expect(expressionScopeText('none')).toBeUndefined();
  });
});
