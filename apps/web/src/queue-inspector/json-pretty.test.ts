import { describe, expect, it } from 'vitest';
import { prettyJson } from './json-pretty.js';

describe('prettyJson', () => {
  it('indents JSON with two spaces', () => {
    expect(prettyJson('{"a":[1,{"b":null}]}')).toEqual({
      ok: true,
      text: '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}',
    });
  });

  it('says why content is not JSON', () => {
    const result = prettyJson('hello');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^The content is not valid JSON: /);
  });

  it('asks to load the rest when only part of the content is loaded', () => {
    const result = prettyJson('{"a": [1, 2', false);
    expect(!result.ok && result.message).toMatch(/Load the rest/);
  });

  it('says so for empty content', () => {
    expect(prettyJson('  ')).toEqual({ ok: false, message: 'The content is empty.' });
  });
});
