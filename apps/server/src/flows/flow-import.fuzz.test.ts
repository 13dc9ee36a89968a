import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { standardRegistry } from '@sluice/processors';
import { describe, expect, it } from 'vitest';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from '../../../../fuzz.shared.js';
import {
  mutatedDocumentArbitrary,
  mutatedText,
  parseJsonPath,
  type Json,
} from '../../../../packages/flow-schema/src/test-support/json-mutations.js';
import { parseFlowDocument, serializeFlowDocument } from '@sluice/flow-schema';
import { prepareImport } from './flow-import.js';

// Fuzzing of the server's import (issue 8): a Sluice flow or a NiFi flow definition, damaged at
// random, is imported or refused with issues that say what and where; it never throws.
// fast-check prints the seed and path of a failure; FC_SEED=<seed> FC_PATH=<path> replays it.

const root = path.resolve(import.meta.dirname, '../../../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Json;
const sluiceExample = read('examples/local-demo.json');
const nifiFixtures = [
  read('packages/nifi-import/test/fixtures/kitchen-sink.nifi.json'),
  read('packages/nifi-import/test/fixtures/local-demo.nifi.json'),
];
const registry = standardRegistry();

// Flow-schema's own fuzzing mutates every Sluice example; here the small one stands for them, and
// NiFi definitions (about 2.5 ms each to convert) get a quarter of the cases, so that 10,000
// cases take seconds.
const mutated = fc
  .oneof(
    { weight: 3, arbitrary: fc.constant(sluiceExample) },
    { weight: 1, arbitrary: fc.constantFrom(...nifiFixtures) },
  )
  .chain(mutatedDocumentArbitrary)
  .map(mutatedText);

/** Damaged text: cut short or with a stray character, as a bad upload or a hand edit leaves it. */
const truncated = fc
  .tuple(mutated, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('', '}', ',', '"'))
  .map(([text, where, stray]) => text.slice(0, Math.floor(where * text.length)) + stray);

describe('prepareImport fuzzing', () => {
  it(
    'imports or refuses damaged Sluice and NiFi flows with located issues (10,000 cases)',
    () => {
      fc.assert(
        fc.property(
          fc.oneof({ weight: 4, arbitrary: mutated }, truncated, fc.json({ maxDepth: 2 })),
          fc.option(fc.string({ maxLength: 6 }), { nil: undefined }),
          (text, name) => {
            const prepared = prepareImport(text, registry, { name, flowId: 'imported' });
            if (!prepared.ok) {
              expect(prepared.issues.length).toBeGreaterThan(0);
              for (const issue of prepared.issues) {
                expect(issue.message.trim()).not.toBe('');
                expect(parseJsonPath(issue.path), `path ${issue.path}`).toBeDefined();
              }
              return;
            }
            // An import never starts anything, and what it makes can be saved and read back.
            const { flow } = prepared.document;
            expect(flow.id).toBe('imported');
            expect(flow.processors.every((p) => p.state !== 'RUNNING')).toBe(true);
            expect(flow.controllerServices.every((s) => s.state === 'DISABLED')).toBe(true);
            expect(parseFlowDocument(serializeFlowDocument(prepared.document)).flow.id).toBe(
              'imported',
            );
          },
        ),
        fuzzParameters(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
