import { describe, expect, it } from 'vitest';
import { catalogEntry } from '../testing/fixtures.js';
import { searchCatalog } from './search.js';

const entry = (type: string, description: string, tags: string[]) =>
  catalogEntry(type, [], { description, tags });

const catalog = [
  entry('ReplaceText', 'Updates the content of a flowfile by a regular expression', [
    'text',
    'regex',
    'update',
  ]),
  entry('PutFile', 'Writes the content of a flowfile to the local file system', [
    'local',
    'files',
    'put',
  ]),
  entry('ListFile', 'Lists files in a directory', ['file', 'list', 'ingest']),
  entry('UpdateAttribute', 'Updates attributes of a flowfile', ['attributes', 'update']),
];

const types = (query: string) => searchCatalog(catalog, query).map((e) => e.type);

describe('searchCatalog', () => {
  it('lists every type, alphabetically, for an empty query', () => {
    expect(types('  ')).toEqual(['ListFile', 'PutFile', 'ReplaceText', 'UpdateAttribute']);
  });

  it('matches the type case-insensitively, prefix matches first', () => {
    // Type matches first; "flowfile" in a description matches too, after them.
    expect(types('file')).toEqual(['ListFile', 'PutFile', 'ReplaceText', 'UpdateAttribute']);
    expect(types('PUT')).toEqual(['PutFile']);
    expect(types('upd')).toEqual(['UpdateAttribute', 'ReplaceText']);
  });

  it('matches tags and descriptions', () => {
    expect(types('regex')).toEqual(['ReplaceText']);
    expect(types('directory')).toEqual(['ListFile']);
  });

  it('needs every word of the query to match', () => {
    expect(types('update attributes')).toEqual(['UpdateAttribute']);
    expect(types('update nothing')).toEqual([]);
  });
});
