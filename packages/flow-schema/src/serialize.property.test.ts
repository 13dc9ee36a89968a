import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeFlowDocument } from './canonical.js';
import type { PropertyOwner } from './sensitive-properties.js';
import { parseFlowDocument } from './parse.js';
import { serializeFlowDocument } from './serialize.js';
import { flowDocumentArbitrary } from './test-support/arbitraries.js';
import { shuffleFlowDocument } from './test-support/shuffle.js';

// Many generated flows are small (uniqueArray favours short arrays), so run more than the default 100.
describe('serializeFlowDocument properties', () => {
  it('writes the same bytes whatever the order of entity arrays and object keys', () => {
    fc.assert(
      fc.property(flowDocumentArbitrary, fc.integer(), (doc, seed) => {
        expect(serializeFlowDocument(shuffleFlowDocument(doc, seed))).toBe(
          serializeFlowDocument(doc),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips: parsing the output gives the canonical document', () => {
    fc.assert(
      fc.property(flowDocumentArbitrary, (doc) => {
        expect(parseFlowDocument(serializeFlowDocument(doc))).toEqual(
          canonicalizeFlowDocument(doc),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('is a fixed point: writing what was read back gives the same bytes', () => {
    fc.assert(
      fc.property(flowDocumentArbitrary, (doc) => {
        const once = serializeFlowDocument(doc);
        expect(serializeFlowDocument(parseFlowDocument(once))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('never writes a secret: no sensitive parameter value, no sensitive property unless a reference', () => {
    // Treat about half of all property keys as sensitive, decided by the key itself; the
    // components also mark some of their other keys as sensitive dynamic properties.
    const isSensitiveProperty = (_component: PropertyOwner, key: string) => key.length % 2 === 0;
    const markedDynamic = (properties: Record<string, string>) =>
      Object.keys(properties).filter((key) => key !== '' && key.length % 3 === 0);
    fc.assert(
      fc.property(flowDocumentArbitrary, (generated) => {
        const doc = {
          ...generated,
          flow: {
            ...generated.flow,
            processors: generated.flow.processors.map((p) => ({
              ...p,
              sensitiveDynamicProperties: markedDynamic(p.properties),
            })),
            controllerServices: generated.flow.controllerServices.map((s) => ({
              ...s,
              sensitiveDynamicProperties: markedDynamic(s.properties),
            })),
          },
        };
        const written = parseFlowDocument(serializeFlowDocument(doc, { isSensitiveProperty }));
        for (const context of written.flow.parameterContexts) {
          for (const parameter of context.parameters) {
            if (parameter.sensitive) expect(parameter).not.toHaveProperty('value');
          }
        }
        for (const component of [...written.flow.processors, ...written.flow.controllerServices]) {
          for (const [key, value] of Object.entries(component.properties)) {
            if (isSensitiveProperty(component, key) || (key !== '' && key.length % 3 === 0)) {
              expect(value).toMatch(/^#\{[^{}]+\}$/);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
