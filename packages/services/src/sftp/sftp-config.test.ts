import { describe, expect, it } from 'vitest';
import { sshdConfig } from './sftp-config.js';

describe('sshdConfig', () => {
  it('serves only SFTP, chrooted, to one user on 127.0.0.1', () => {
    const text = sshdConfig({
      port: 12222,
      user: 'u',
      hostKeyFile: '/k',
      pidFile: '/p',
      authorizedKeysPattern: '/keys/%u',
      chrootDir: '/c',
      startDir: '/upload',
    });
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'Port 12222',
        'ListenAddress 127.0.0.1',
        'AllowUsers u',
        'Subsystem sftp internal-sftp',
        'ChrootDirectory /c',
        'ForceCommand internal-sftp -d /upload',
        'UsePAM no',
      ]),
    );
  });
});
