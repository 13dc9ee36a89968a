import { defineProcessor, prop } from '@sluice/engine';

/**
 * A sink with a password, so the browser tests can prove a secret never reaches the browser
 * (no standard processor has a sensitive property until the SFTP and Kafka processors land).
 */
export const SecretSink = defineProcessor({
  type: 'SecretSink',
  description: 'Drops flowfiles after pretending to log in with a password (browser tests only).',
  tags: ['test'],
  inputRequirement: 'allowed',
  properties: {
    user: prop.string({ name: 'User', default: 'admin' }),
    password: prop.string({ name: 'Password', sensitive: true, description: 'The password' }),
  },
  relationships: { success: 'Everything' },
  async onTrigger(_context, session) {
    const flowFile = session.get();
    if (flowFile) session.remove(flowFile);
  },
});
