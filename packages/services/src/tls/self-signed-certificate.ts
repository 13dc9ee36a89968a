import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ServiceError } from '../service-error.js';

const run = promisify(execFile);

/** A certificate and its key, as PEM files and the certificate's text. */
export interface SelfSignedCertificate {
  /** File names in the directory it was made in. */
  readonly certificateFile: string;
  readonly keyFile: string;
  /** The certificate: what clients are told to trust. */
  readonly certificatePem: string;
}

/**
 * A fresh self-signed certificate for `IP:127.0.0.1` (and `localhost`) with its unencrypted
 * PKCS#8 key, written into `dir` as `<name>.crt` and `<name>.key` by `openssl` (`.ci/run` installs
 * it when missing). For the secured test servers (Kafka's SASL_SSL listener, Elasticsearch's
 * HTTPS), which read PEM files.
 */
export async function selfSignedCertificate(
  dir: string,
  name: string,
): Promise<SelfSignedCertificate> {
  const certificateFile = `${name}.crt`;
  const keyFile = `${name}.key`;
  try {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '7',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, keyFile),
      '-out',
      join(dir, certificateFile),
    ]);
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    throw new ServiceError(
      'start-failed',
      missing
        ? 'A secured test server needs `openssl` for its certificate: install it (Debian/Ubuntu: apt-get install openssl)'
        : `Could not make a test certificate with openssl: ${(error as Error).message}`,
    );
  }
  return {
    certificateFile,
    keyFile,
    certificatePem: await readFile(join(dir, certificateFile), 'utf8'),
  };
}
