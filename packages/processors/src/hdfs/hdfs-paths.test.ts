import { describe, expect, it } from 'vitest';
import {
  filePermissionUnder,
  hdfsChild,
  hdfsDirectory,
  hdfsFileNameProblem,
  parseUmask,
} from './hdfs-paths.js';

describe('hdfsDirectory', () => {
  it('normalizes an absolute directory', () => {
    expect(hdfsDirectory('/data//in/./2026/')).toEqual({ ok: true, path: '/data/in/2026' });
    expect(hdfsDirectory('/a/b/../c')).toEqual({ ok: true, path: '/a/c' });
    expect(hdfsDirectory(' / ')).toEqual({ ok: true, path: '/' });
    expect(hdfsDirectory('/한국어 폴더/')).toEqual({ ok: true, path: '/한국어 폴더' });
  });

  it('takes the path of a Hadoop file system URL, as NiFi does', () => {
    expect(hdfsDirectory('hdfs://namenode:8020/data/in')).toEqual({ ok: true, path: '/data/in' });
    expect(hdfsDirectory('webhdfs://nn:9870/a b')).toEqual({ ok: true, path: '/a b' });
    expect(hdfsDirectory('hdfs://nameservice1')).toEqual({ ok: true, path: '/' });
  });

  it('refuses a relative or empty directory, saying why', () => {
    expect(hdfsDirectory('data/in')).toEqual({
      ok: false,
      reason: "The Directory 'data/in' is not absolute: WebHDFS paths start with '/'",
    });
    expect(hdfsDirectory('  ')).toEqual({ ok: false, reason: 'The Directory is empty' });
  });
});

describe('hdfsFileNameProblem and hdfsChild', () => {
  it('accepts a plain name and joins it to the directory', () => {
    expect(hdfsFileNameProblem('보고서 "최종".txt')).toBeUndefined();
    expect(hdfsChild('/out', 'a.txt')).toBe('/out/a.txt');
    expect(hdfsChild('/', 'a.txt')).toBe('/a.txt');
  });

  it('refuses names that are no file name or leave the directory', () => {
    expect(hdfsFileNameProblem('')).toBe('is not a file name');
    expect(hdfsFileNameProblem('..')).toBe('is not a file name');
    expect(hdfsFileNameProblem('../etc/x')).toMatch(/^contains a slash/);
  });
});

describe('umask', () => {
  it('reads octal umasks from 0 to 777 and gives the file permission under them', () => {
    expect(parseUmask('022')).toBe(0o22);
    expect(parseUmask('0777')).toBe(0o777);
    expect(filePermissionUnder(0o22)).toBe('644');
    expect(filePermissionUnder(0o77)).toBe('600');
    expect(filePermissionUnder(0o777)).toBe('000');
  });

  it('refuses what is not an octal umask', () => {
    expect(parseUmask('8')).toBeUndefined();
    expect(parseUmask('1000')).toBeUndefined();
    expect(parseUmask('-1')).toBeUndefined();
    expect(parseUmask('u=rwx')).toBeUndefined();
  });
});
