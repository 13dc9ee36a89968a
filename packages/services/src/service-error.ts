/** Why a service could not be prepared, started or stopped. */
export type ServiceErrorCode =
  | 'java-missing'
  | 'java-too-old'
  | 'maven-missing'
  | 'maven-failed'
  | 'sshd-missing'
  | 'needs-root'
  | 'start-failed'
  | 'not-ready'
  | 'stop-failed';

/**
 * A failure of the service harness, with a code for programs and a message a person can act on
 * (what is missing or broken, where to look, and how to fix it).
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';

  constructor(
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
  }
}
