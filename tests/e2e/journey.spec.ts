// The dealer's journey through the real renderer, the real engine and the simulator: a
// wrong API key (clear error, nothing saved), the right one; three feeds through the
// dropdown and the rest with "Add all unmapped"; "Collect now" with visible progress; a
// quiet customer shown unhealthy with its reason; a certificate previewed from the very PDF
// and exported.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { FeedView, ServerView } from '../../preload/api';
import { saveScreenshot } from './support/screens';
import { DAY_MS, firstOfMonthsAgo, startStack, type Stack } from './support/stack';

test.describe.configure({ mode: 'serial' });

const WRONG_KEY = '00000000-0000-4000-8000-000000000000';
const ACTIVATION = firstOfMonthsAgo(3);

let stack: Stack;
let context: BrowserContext;
let page: Page;
/** Customers picked by hand (by name) and the one whose agent goes quiet. */
let picked: { name: string; scope: 'all' | 'managed' }[];
/** What the page logged as an error (a CSP violation, an exception) along the way. */
const pageErrors: string[] = [];
let quiet: { id: string; name: string };
/** A customer for the row actions (pause, edit, remove). */
let spare: string;

test.beforeAll(async ({ browser }) => {
  stack = await startStack({ customers: 30 });
  const customers = [...stack.sim.customers()].sort((a, b) => a.name.localeCompare(b.name));
  picked = [
    { name: customers[2]!.name, scope: 'all' },
    { name: customers[9]!.name, scope: 'managed' },
    { name: customers[17]!.name, scope: 'all' },
  ];
  const rest = customers.filter((c) => !picked.some((p) => p.name === c.name));
  quiet = rest[4]!;
  spare = rest[7]!.name;
  // Its data-collection agent stopped uploading 8 days ago: more than 3 business days.
  stack.sim.staleAgent(quiet.id, new Date(Date.now() - 8 * DAY_MS), null);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

test.afterAll(async () => {
  await context?.close();
  await stack?.close();
});

function nav(name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: new RegExp(`^${name}`) });
}

test('a wrong API key is refused with a clear error, and nothing is saved', async () => {
  await page.goto(stack.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to PrintReleaf Tray' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Register a Print Tracker server' });
  await form.getByLabel('Server URL').fill(stack.sim.url);
  await form.getByLabel('Parent Entity ID').fill(stack.sim.parentEntityId);
  await form.getByLabel('API key').fill(WRONG_KEY);
  await form.getByRole('button', { name: 'Test and save' }).click();

  const error = form.getByRole('alert');
  await expect(error).toContainText('API key rejected (401)');
  await expect(error).toContainText('Nothing was saved');
  await expect(form.getByLabel('API key')).toHaveValue(''); // the key does not linger in the page
  await saveScreenshot(page, 'journey-wrong-key', 'light');
  expect(await stack.call('listServers')).toEqual([]);

  await nav('Servers').click();
  await expect(page.getByRole('heading', { name: 'No server registered yet' })).toBeVisible();
});

test('the right key passes the connection test and registers the server', async () => {
  await nav('Dashboard').click();
  const form = page.getByRole('form', { name: 'Register a Print Tracker server' });
  await form.getByLabel('Server URL').fill(stack.sim.url);
  await form.getByLabel('Parent Entity ID').fill(stack.sim.parentEntityId);
  await form.getByLabel('API key').fill(stack.sim.apiKey);
  await form.getByRole('button', { name: 'Test connection' }).click();
  const entities = stack.sim.customers().length;
  await expect(form.getByRole('status')).toContainText(`Connected to ${stack.sim.parentName}`);
  await expect(form.getByRole('status')).toContainText(`${entities} customers`);
  expect(await stack.call('listServers')).toEqual([]); // a test saves nothing

  await form.getByRole('button', { name: 'Test and save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Feeds' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No feeds yet' })).toBeVisible();
  const servers = (await stack.call('listServers')) as ServerView[];
  expect(servers).toHaveLength(1);
  expect(servers[0]).toMatchObject({ entityId: stack.sim.parentEntityId, health: 'healthy', hasApiKey: true });
  expect(JSON.stringify(servers)).not.toContain(stack.sim.apiKey);
});

test('three feeds through the dropdown, then all the others in one step', async () => {
  for (const [i, p] of picked.entries()) {
    await page.getByRole('button', { name: 'Add feed', exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add a feed' });
    const customer = dialog.getByRole('combobox', { name: 'Customer' });
    await customer.fill(p.name.split(' ')[0]!);
    const listbox = dialog.getByRole('listbox', { name: 'Customer' });
    await expect(listbox).toBeVisible();
    // Type-ahead: every option shown matches what was typed.
    for (const option of await listbox.getByRole('option').allTextContents()) expect(option.toLowerCase()).toContain(p.name.split(' ')[0]!.toLowerCase());
    await listbox.getByRole('option', { name: new RegExp(`^${p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
    await expect(customer).toHaveValue(p.name);
    await dialog.getByLabel('Activation date').fill(ACTIVATION);
    await expect(dialog.getByText('A date in the past syncs history back to it')).toBeVisible();
    await dialog.getByRole('radio', { name: p.scope === 'managed' ? /Managed devices only/ : /All devices/ }).check();
    if (i === 0) await dialog.getByLabel('Contact e-mail').fill('billing@example.com');
    await dialog.getByRole('button', { name: 'Add feed' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('table', { name: 'Feeds' }).getByRole('row', { name: new RegExp(p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toBeVisible();
  }
  // A customer that already has a feed is listed but cannot be picked.
  await page.getByRole('button', { name: 'Add feed', exact: true }).first().click();
  const again = page.getByRole('dialog', { name: 'Add a feed' });
  await again.getByRole('combobox', { name: 'Customer' }).fill(picked[0]!.name);
  await expect(again.getByRole('option', { name: new RegExp(picked[0]!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first()).toHaveAttribute('aria-disabled', 'true');
  await again.getByRole('button', { name: 'Cancel' }).click();

  const total = stack.sim.customers().length;
  await page.getByRole('button', { name: 'Add all unmapped' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add all unmapped customers' });
  await expect(dialog).toContainText(`${total - 3} of ${total} customers`);
  await saveScreenshot(page, 'journey-add-all', 'light');
  await dialog.getByLabel('Activation date').fill(ACTIVATION);
  await dialog.getByRole('button', { name: `Add ${total - 3} feeds` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${total} feeds`, { exact: true })).toBeVisible();

  const feeds = (await stack.call('listFeeds')) as FeedView[];
  expect(feeds).toHaveLength(total);
  for (const p of picked) expect(feeds.find((f) => f.name === p.name)).toMatchObject({ scope: p.scope, activationDate: ACTIVATION, status: 'active' });
  expect(feeds.find((f) => f.name === picked[0]!.name)?.email).toBe('billing@example.com');
  expect(feeds.every((f) => f.activationDate === ACTIVATION)).toBe(true);
});

test('collect now shows its progress until it is done', async () => {
  const total = stack.sim.customers().length;
  stack.sim.setLatency(60); // slow enough for the progress to be seen
  await nav('Dashboard').click();
  await page.getByRole('button', { name: 'Collect now' }).click();
  const running = page.getByRole('progressbar', { name: /^Collecting/ });
  await expect(running).toBeVisible();
  await expect(page.getByText(new RegExp(`Collecting: \\d+ of ${total} feeds`))).toBeVisible();
  await expect(page.getByRole('button', { name: 'Collecting…' })).toBeDisabled();
  await saveScreenshot(page, 'journey-collecting', 'light');

  const done = page.getByRole('progressbar', { name: 'Collection finished' });
  await expect(done).toBeVisible({ timeout: 90_000 });
  await expect(done).toHaveAttribute('aria-valuenow', String(total));
  await expect(done).toHaveAttribute('aria-valuemax', String(total));
  await expect(page.getByText(`${total} feeds · `).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Collect now' })).toBeEnabled();
  stack.sim.setLatency(0);
});

test('the quiet customer is shown unhealthy, with its reason, on the dashboard and in the feeds', async () => {
  await expect(page.getByTestId('summary')).toContainText('1 feed needs attention');
  const attention = page.getByRole('region', { name: 'Needs attention' }).getByRole('listitem').filter({ hasText: quiet.name });
  await expect(attention).toContainText('no new data since');
  await expect(attention).toContainText('data-collection agent');
  await attention.getByRole('button', { name: 'Open feed' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Feeds' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Feeds' }).getByRole('row').filter({ hasText: quiet.name });
  await expect(row).toHaveClass(/is-focused/);
  await expect(row.getByText('Needs attention')).toBeVisible();
  await expect(row.getByTestId('health-reason')).toContainText('no new data since');
  await expect(row.getByTestId('health-reason')).toContainText('agent may be stale');
  await saveScreenshot(page, 'journey-unhealthy-feed', 'light');

  await page.getByRole('button', { name: /^Needs attention/ }).click();
  await expect(page.getByRole('table', { name: 'Feeds' }).locator('tbody tr[data-feed-id]')).toHaveCount(1);
  await page.getByRole('button', { name: 'All feeds' }).click();
});

test.describe('certificates', () => {
  test('a certificate previewed from its PDF shows the figures of the table', async () => {
    await nav('Certificates').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Certificates' });
    const row = table.getByRole('row').filter({ hasText: picked[0]!.name });
    await expect(row).toBeVisible();
    // Issue the month unless the nightly job already did.
    if ((await table.getByText('Ready to issue', { exact: true }).count()) > 0) {
      await page.getByRole('button', { name: 'Issue certificates' }).click();
      await expect(page.getByRole('status').filter({ hasText: /certificates? issued for/ })).toBeVisible({ timeout: 60_000 });
    }
    await expect(row.getByText('Issued', { exact: true })).toBeVisible();
    await row.getByRole('button', { name: picked[0]!.name }).click();

    await expect(page.getByTestId('pdf-page')).toHaveClass(/is-ready/, { timeout: 30_000 });
    await saveScreenshot(page, 'journey-certificate-preview', 'light');
    const pdfText = (await page.getByTestId('pdf-text').innerText()).replace(/\s+/g, ' ');
    const pages = (await row.getByTestId('pages').innerText()).trim();
    const trees = (await row.getByTestId('trees').innerText()).trim();
    const number = (await row.locator('.cell-sub').first().innerText()).replace(/^No\. /, '').trim();
    expect(pdfText).toContain(picked[0]!.name);
    expect(pdfText).toContain(`${pages} pages`);
    expect(pdfText).toContain(`${trees} trees`);
    expect(pdfText).toContain(number);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('export writes the PDFs to the folder it shows', async () => {
    await page.getByRole('button', { name: 'Export all' }).click();
    const folder = page.getByTestId('export-dir');
    await expect(folder).toBeVisible({ timeout: 60_000 });
    const dir = (await folder.innerText()).trim();
    expect(dir.startsWith(stack.dataDir)).toBe(true);
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
  });
});

test('row actions: pause and resume, edit the contact e-mail, remove after a confirmation', async () => {
  await nav('Feeds').click();
  const id = ((await stack.call('listFeeds')) as FeedView[]).find((f) => f.name === spare)!.id;
  const row = page.getByRole('table', { name: 'Feeds' }).locator(`tr[data-feed-id="${id}"]`);
  await page.getByRole('searchbox', { name: 'Search feeds' }).fill(spare);
  await row.getByRole('button', { name: `Pause ${spare}`, exact: true }).click();
  await expect(row.getByText('Paused', { exact: true })).toBeVisible();
  expect(((await stack.call('listFeeds')) as FeedView[]).find((f) => f.name === spare)?.status).toBe('paused');
  await row.getByRole('button', { name: `Resume ${spare}`, exact: true }).click();
  await expect(row.getByText('Active', { exact: true })).toBeVisible();

  await row.getByRole('button', { name: `Edit ${spare}`, exact: true }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${spare}` });
  await edit.getByLabel('Contact e-mail').fill('not an address');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByText('Not a valid e-mail address')).toBeVisible();
  await edit.getByLabel('Contact e-mail').fill('front.desk@example.com');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('front.desk@example.com');

  const before = ((await stack.call('listFeeds')) as FeedView[]).length;
  await row.getByRole('button', { name: `Remove ${spare}`, exact: true }).click();
  const confirm = page.getByRole('dialog', { name: `Remove ${spare}?` });
  await expect(confirm).toContainText('page history is deleted');
  await confirm.getByRole('button', { name: 'Remove feed' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(0);
  expect((await stack.call('listFeeds')) as FeedView[]).toHaveLength(before - 1);
  await page.getByRole('searchbox', { name: 'Search feeds' }).fill('');
});

test('the page logged no error along the way (no CSP violation, no exception)', () => {
  expect(pageErrors).toEqual([]);
});
