import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testWorkDir } from '../test-work-dir.js';
import { minimumJavaFor, requireElasticsearchJava } from './elasticsearch-java.js';

describe('requireElasticsearchJava', () => {
  let root: string;

  /** A fake JDK whose `java -version` reports `version`, as a real one does, on stderr. */
  async function fakeJdk(home: string, version: string): Promise<string> {
    await mkdir(join(home, 'bin'), { recursive: true });
    const java = join(home, 'bin', 'java');
    await writeFile(java, `#!/bin/sh\necho 'openjdk version "${version}" 2025-04-15' >&2\n`);
    await chmod(java, 0o755);
    return home;
  }

  beforeAll(async () => {
    root = await testWorkDir('es-java');
    await fakeJdk(join(root, 'default-17'), '17.0.15');
    await fakeJdk(join(root, 'jvm', 'java-17-openjdk-amd64'), '17.0.15');
    await fakeJdk(join(root, 'jvm', 'temurin-25-jdk-amd64'), '25.0.1');
    await fakeJdk(join(root, 'jvm', 'temurin-21-jdk-amd64'), '21.0.8');
    await mkdir(join(root, 'empty-jvm'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('needs Java 17 for Elasticsearch 8 and Java 21 for 9', () => {
    expect(minimumJavaFor('8.19.7')).toBe(17);
    expect(minimumJavaFor('9.2.0')).toBe(21);
  });

  it('uses the default Java when it is new enough', async () => {
    const found = await requireElasticsearchJava('8.19.7', {
      env: { PATH: '/nonexistent', JAVA_HOME: join(root, 'default-17') },
      jvmDir: join(root, 'jvm'),
    });
    expect(found).toEqual({ javaHome: join(root, 'default-17'), major: 17 });
  });

  it('finds the oldest fitting JDK in the JVM directory when the default is too old', async () => {
    const found = await requireElasticsearchJava('9.2.0', {
      env: { PATH: '/nonexistent', JAVA_HOME: join(root, 'default-17') },
      jvmDir: join(root, 'jvm'),
    });
    expect(found).toEqual({ javaHome: join(root, 'jvm', 'temurin-21-jdk-amd64'), major: 21 });
  });

  it('says what it found and what to install when no Java fits', async () => {
    await expect(
      requireElasticsearchJava('9.2.0', {
        env: { PATH: '/nonexistent', JAVA_HOME: join(root, 'default-17') },
        jvmDir: join(root, 'empty-jvm'),
      }),
    ).rejects.toMatchObject({
      code: 'java-too-old',
      message: expect.stringMatching(
        /Elasticsearch 9\.2\.0 needs Java 21\+.*default-17\/bin\/java \(Java 17\).*ES_JAVA_HOME/,
      ),
    });
  });

  it('takes ES_JAVA_HOME as given, and refuses it when too old', async () => {
    const env = { PATH: '/nonexistent', ES_JAVA_HOME: join(root, 'jvm', 'temurin-25-jdk-amd64') };
    expect(await requireElasticsearchJava('9.2.0', { env })).toEqual({
      javaHome: env.ES_JAVA_HOME,
      major: 25,
    });
    await expect(
      requireElasticsearchJava('9.2.0', {
        env: { ...env, ES_JAVA_HOME: join(root, 'default-17') },
      }),
    ).rejects.toThrow(/needs Java 21\+, but ES_JAVA_HOME=.*default-17 holds Java 17/);
  });
});
