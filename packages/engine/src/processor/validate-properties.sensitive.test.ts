import { describe, expect, it } from 'vitest';
import { defineProcessor } from './processor-definition.js';
import { prop } from './property-descriptor.js';
import { validateProperties } from './validate-properties.js';

/** Sends each dynamic property as a header, secrets included (InvokeHTTP-like). */
const SendsHeaders = defineProcessor({
  type: 'SendsHeaders',
  description: 'Each dynamic property is a request header',
  tags: [],
  properties: { url: prop.string({ name: 'HTTP URL', required: true }) },
  dynamicProperties: {
    description: 'A header',
    expressionScope: 'flowfile',
    supportsSensitive: true,
  },
  relationships: { success: 'All' },
  async onTrigger() {},
});

/** Writes each dynamic property to an attribute, so a secret has no place in one. */
const SetsAttributes = defineProcessor({
  type: 'SetsAttributes',
  description: 'Each dynamic property is an attribute',
  tags: [],
  properties: {},
  dynamicProperties: { description: 'An attribute', expressionScope: 'flowfile' },
  relationships: { success: 'All' },
  async onTrigger() {},
});

describe('validateProperties — sensitive dynamic properties', () => {
  it('accepts a sensitive dynamic property on a type that supports them', () => {
    // Given a header marked sensitive on a processor that supports it
    const properties = { url: 'https://api.example.org', Authorization: 'Bearer s3cr3t' };

    // When validated, then nothing is wrong
    expect(
      validateProperties(SendsHeaders, properties, undefined, undefined, ['Authorization']),
    ).toEqual([]);
  });

  it('refuses a sensitive dynamic property on a type that does not support them, naming it', () => {
    const issues = validateProperties(SetsAttributes, { token: 'abc' }, undefined, undefined, [
      'token',
    ]);

    expect(issues).toEqual([
      {
        property: 'token',
        message:
          "'token' is marked sensitive, but SetsAttributes does not support sensitive dynamic properties",
      },
    ]);
  });

  it('refuses marking a declared property sensitive: its type decides that', () => {
    const issues = validateProperties(
      SendsHeaders,
      { url: 'https://api.example.org' },
      undefined,
      undefined,
      ['url'],
    );

    expect(issues).toEqual([
      {
        property: 'url',
        message:
          "'HTTP URL' is a declared property of SendsHeaders; only dynamic properties can be marked sensitive",
      },
    ]);
  });
});
