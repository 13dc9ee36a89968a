/** Files and settings of the private sshd. */
export interface SftpLayout {
  port: number;
  user: string;
  hostKeyFile: string;
  pidFile: string;
  /** `%u` is replaced by sshd with the user name. */
  authorizedKeysPattern: string;
  /** Root-owned and not group/world-writable on every level, as sshd demands. */
  chrootDir: string;
  /** Where a session starts, relative to the chroot (the user's writable directory). */
  startDir: string;
}

/**
 * sshd_config of a daemon that only serves SFTP to one user, on 127.0.0.1, with password and
 * public-key authentication (tests need both: a wrong password is one of the failure cases).
 * `UsePAM no` makes sshd check the password against /etc/shadow itself.
 */
export function sshdConfig(layout: SftpLayout): string {
  return [
    `Port ${layout.port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${layout.hostKeyFile}`,
    `PidFile ${layout.pidFile}`,
    `AuthorizedKeysFile ${layout.authorizedKeysPattern}`,
    'UsePAM no',
    'PasswordAuthentication yes',
    'PermitEmptyPasswords no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin no',
    `AllowUsers ${layout.user}`,
    'StrictModes yes',
    'AllowTcpForwarding no',
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PermitTTY no',
    // Tests open many short sessions at once; the default 10:30:100 drops some of them.
    'MaxStartups 100:30:200',
    'MaxSessions 50',
    'LogLevel INFO',
    'Subsystem sftp internal-sftp',
    `ChrootDirectory ${layout.chrootDir}`,
    `ForceCommand internal-sftp -d ${layout.startDir}`,
    '',
  ].join('\n');
}
