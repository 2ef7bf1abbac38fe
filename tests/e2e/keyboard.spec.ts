// The add-feed dialog with the keyboard alone: open it, type to filter the customers,
// move with the arrows (skipping customers that already have a feed), pick with Enter,
// choose the sync settings with the arrows, submit with Enter.
import { expect, test } from '@playwright/test';
import type { EntityOption, FeedView } from '../../preload/api';
import { firstOfMonthsAgo, startStack, type Stack } from './support/stack';

let stack: Stack;
let serverId: number;

test.beforeAll(async () => {
  stack = await startStack({ customers: 30 });
  const server = await stack.call('addServer', { url: stack.sim.url, entityId: stack.sim.parentEntityId, apiKey: stack.sim.apiKey });
  serverId = server.id;
});

test.afterAll(async () => {
  await stack?.close();
});

test('the customer dropdown works with the keyboard alone', async ({ page }) => {
  const entities = (await stack.call('listEntities', { serverId })) as EntityOption[];
  // Two customers whose names share a first word; map the first one already.
  const byWord = new Map<string, EntityOption[]>();
  for (const e of entities) byWord.set(e.name.split(' ')[0]!, [...(byWord.get(e.name.split(' ')[0]!) ?? []), e]);
  const [word, group] = [...byWord.entries()].find(([, g]) => g.length >= 2)!;
  const sorted = [...group].sort((a, b) => a.name.localeCompare(b.name));
  const mapped = sorted[0]!;
  const wanted = sorted[1]!;
  await stack.call('addFeed', { serverId, entityId: mapped.id, activationDate: firstOfMonthsAgo(1), scope: 'all' });

  await page.goto(`${stack.url}#/feeds`);
  const addButton = page.getByRole('button', { name: 'Add feed', exact: true });
  await expect(addButton).toBeVisible();
  // Reach the button by tabbing from the search box, as a keyboard user would.
  await page.getByRole('searchbox', { name: 'Search feeds' }).focus();
  for (let i = 0; i < 12 && !(await addButton.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  await expect(addButton).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  const combobox = dialog.getByRole('combobox', { name: 'Customer' });
  await expect(combobox).toBeFocused();
  await page.keyboard.type(word.toLowerCase());
  const listbox = dialog.getByRole('listbox', { name: 'Customer' });
  await expect(listbox).toBeVisible();
  await expect(combobox).toHaveAttribute('aria-expanded', 'true');
  const shown = await listbox.getByRole('option').allTextContents();
  expect(shown.length).toBeGreaterThanOrEqual(2);
  for (const text of shown) expect(text.toLowerCase()).toContain(word.toLowerCase());

  // The mapped customer is marked and skipped: the active option is the first one that can be picked.
  await expect(listbox.getByRole('option', { name: new RegExp(`^${mapped.name}`) })).toHaveAttribute('aria-disabled', 'true');
  const activeText = async () => {
    const id = await combobox.getAttribute('aria-activedescendant');
    return id ? (await page.locator(`[id="${id}"]`).innerText()).split('\n')[0] : null;
  };
  await expect.poll(activeText).toBe(wanted.name);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect.poll(activeText).toBe(wanted.name); // never lands on the mapped one
  await page.keyboard.press('Enter');
  await expect(combobox).toHaveValue(wanted.name);
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
  await expect(dialog).toBeVisible(); // Enter picked, it did not submit

  // Escape closes the list, not the dialog.
  await page.keyboard.press('ArrowDown');
  await expect(combobox).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
  await expect(dialog).toBeVisible();

  // On to the sync settings: Tab into the radio group, arrow to "Managed devices only".
  const managed = dialog.getByRole('radio', { name: /Managed devices only/ });
  for (let i = 0; i < 8 && !(await dialog.getByRole('radio', { name: /All devices/ }).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(managed).toBeChecked();
  await page.keyboard.press('Enter'); // submits the form
  await expect(dialog).toBeHidden();

  const feeds = (await stack.call('listFeeds')) as FeedView[];
  expect(feeds.find((f) => f.entityId === wanted.id)).toMatchObject({ name: wanted.name, scope: 'managed' });
  await expect(addButton).toBeFocused(); // focus returns to what opened the dialog
});
