import { startTestServices, type TestServicesInfo } from '@sluice/services';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection details of the real servers the processors' tests talk to. */
    services: TestServicesInfo;
  }
}

/**
 * Starts the real servers once for the whole processors suite (Kafka, SFTP, Elasticsearch,
 * HDFS), in parallel, and hands their addresses to the tests through `inject('services')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = await startTestServices(['kafka', 'sftp', 'elasticsearch', 'hdfs']);
  project.provide('services', services.info);
  return () => services.stop();
}
