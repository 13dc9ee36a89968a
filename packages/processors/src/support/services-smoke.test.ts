import { inject, expect, it } from 'vitest';

it('the global setup hands every test the addresses of the real servers it started', () => {
  const services = inject('services');
  expect(services.kafka?.bootstrap).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(services.sftp).toMatchObject({ host: '127.0.0.1', remoteDir: '/upload' });
});
