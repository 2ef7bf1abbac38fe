// "Explore with demo data" from the first-run screen: the embedded simulator becomes a demo
// server, its customers are mapped and collected, and the dashboard says it is a demo.
import { expect, test } from '@playwright/test';
import type { FeedView, ServerView } from '../../preload/api';
import { startStack, type Stack } from './support/stack';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ customers: 2 });
});

test.afterAll(async () => {
  await stack?.close();
});

test('the demo starts from the first-run screen and fills every screen', async ({ page }) => {
  await page.goto(stack.url);
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByText('You are exploring with demo data')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).locator('..').getByText('Demo data')).toBeVisible();

  const servers = (await stack.call('listServers')) as ServerView[];
  expect(servers).toHaveLength(1);
  expect(servers[0]!.name).toMatch(/demo/i);
  await expect.poll(async () => ((await stack.call('listFeeds')) as FeedView[]).length).toBeGreaterThan(0);
  // The demo's first collection runs by itself; the dashboard follows it to the end.
  await expect(page.getByTestId('summary')).toContainText(/feeds? (healthy|needs? attention)/, { timeout: 60_000 });
});
