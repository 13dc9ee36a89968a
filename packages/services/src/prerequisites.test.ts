import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJavaMajor, requireJava, requireMaven, requireOpenSsh } from './prerequisites.js';
import { testWorkDir } from './test-work-dir.js';

const NOWHERE = { PATH: '/nonexistent-sluice-path' };

describe('prerequisites', () => {
  it('says to install Java 17 when no java is found', async () => {
    await expect(requireJava('Kafka', NOWHERE)).rejects.toMatchObject({
      code: 'java-missing',
      message: expect.stringMatching(/Kafka needs Java 17\+.*openjdk-17-jre-headless/),
    });
    await expect(requireJava('HDFS', NOWHERE)).rejects.toThrow(/^HDFS needs Java 17\+/);
  });

  it('refuses a Java older than 17 and names it', async () => {
    // Given a JAVA_HOME whose java reports 1.8, as `java -version` does, on stderr
    const home = await testWorkDir('old-java');
    await mkdir(join(home, 'bin'));
    const java = join(home, 'bin', 'java');
    await writeFile(java, '#!/bin/sh\necho \'openjdk version "1.8.0_392"\' >&2\n');
    await chmod(java, 0o755);

    await expect(requireJava('Kafka', { ...NOWHERE, JAVA_HOME: home })).rejects.toMatchObject({
      code: 'java-too-old',
      message: expect.stringMatching(/Kafka needs Java 17\+, but .* is 8/),
    });
    await rm(home, { recursive: true, force: true });
  });

  it('finds the Java 17+ of this machine', async () => {
    const runtime = await requireJava('Kafka');
    expect(runtime.major).toBeGreaterThanOrEqual(17);
  });

  it('says to install maven when mvn is missing', () => {
    expect(() => requireMaven(NOWHERE)).toThrow(
      /Kafka, Elasticsearch and HDFS .*apt-get install maven/,
    );
  });

  it('says to install openssh-server when sshd is missing', () => {
    expect(() => requireOpenSsh(NOWHERE, '/nonexistent/sshd')).toThrow(
      /SFTP server needs OpenSSH's sshd.*install openssh-server/,
    );
  });

  it('reads old and new java version strings', () => {
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('no version here')).toBeUndefined();
  });
});
