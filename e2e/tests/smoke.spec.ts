import { expect, test } from '../support/sluice.js';

test('the server serves the built editor at a flow route', async ({ page, sluice }) => {
  const flowId = await sluice.emptyFlow('Smoke');
  const response = await page.goto(`${sluice.url}/flows/${flowId}`);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('Sluice');
  await expect(page.locator('#root')).not.toBeEmpty();
});
