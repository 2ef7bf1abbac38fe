// A dealer with 1,000 customers: the feeds table and the customer dropdown keep only the
// rows in view in the page (virtualised), so they stay quick, and still sort, search and
// scroll to the last customer.
import { expect, test } from '@playwright/test';
import type { EntityOption } from '../../preload/api';
import { firstOfMonthsAgo, registerAll, startStack, type Stack } from './support/stack';

let stack: Stack;
let names: string[];

test.beforeAll(async () => {
  stack = await startStack({ customers: 1000, subSites: false, devicesPerCustomer: 1 });
  const serverId = await registerAll(stack, firstOfMonthsAgo(1));
  names = ((await stack.call('listEntities', { serverId })) as EntityOption[]).map((e) => e.name);
});

test.afterAll(async () => {
  await stack?.close();
});

test('1,000 feeds: a small page that sorts, searches and scrolls to the end', async ({ page }) => {
  expect(names).toHaveLength(1000);
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const sorted = [...names].sort(collator.compare);
  await page.goto(`${stack.url}#/feeds`);
  const table = page.getByRole('table', { name: 'Feeds' });
  await expect(table).toHaveAttribute('aria-rowcount', '1001');
  await expect(page.getByText('1,000 feeds', { exact: true })).toBeVisible();
  const rows = table.locator('tbody tr[data-feed-id]');
  await expect(rows.first()).toContainText(sorted[0]!);
  expect(await rows.count()).toBeLessThan(60);

  // Scroll to the very end: the last customer is there, and the page is still small.
  await page.locator('.table-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table.getByRole('row', { name: new RegExp(sorted[sorted.length - 1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toBeVisible();
  expect(await rows.count()).toBeLessThan(60);

  // Sort by customer, Z to A: the last name comes first.
  await page.locator('.table-scroll').evaluate((el) => el.scrollTo(0, 0));
  await table.getByRole('button', { name: 'Customer' }).click();
  await expect(table.getByRole('columnheader', { name: 'Customer' })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText(sorted[sorted.length - 1]!);

  // Search narrows the table and says how many are shown.
  const word = sorted[500]!.split(' ')[0]!;
  const expected = names.filter((n) => n.toLowerCase().includes(word.toLowerCase())).length;
  await page.getByRole('searchbox', { name: 'Search feeds' }).fill(word);
  await expect(page.getByText(`${expected.toLocaleString('en-US')} of 1,000 shown`)).toBeVisible();
});

test('the customer dropdown with 1,000 customers', async ({ page }) => {
  await page.goto(`${stack.url}#/feeds`);
  await page.getByRole('button', { name: 'Add feed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  const combobox = dialog.getByRole('combobox', { name: 'Customer' });
  await expect(combobox).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const listbox = dialog.getByRole('listbox', { name: 'Customer' });
  await expect(listbox).toBeVisible();
  const options = listbox.getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-setsize', '1000');
  expect(await options.count()).toBeLessThan(40);
  // Every customer has a feed here: all are shown as such, none can be picked.
  await expect(options.first()).toHaveAttribute('aria-disabled', 'true');
  await expect(dialog.getByText('Every customer of this server already has a feed.')).toBeVisible();
  await combobox.fill(names[999]!);
  await expect(options.first()).toContainText(names[999]!);
});
