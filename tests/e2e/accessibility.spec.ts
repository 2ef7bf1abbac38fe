// Every screen (first run, dashboard, feeds with the add-feed dialog open, certificates,
// servers, settings) in light and dark: no serious or critical axe-core violations, and a
// screenshot of each in test-results/screens/ for review.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { auditScreen, saveScreenshot, type Scheme } from './support/screens';
import { DAY_MS, firstOfMonthsAgo, registerAll, startStack, type Stack } from './support/stack';

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let context: BrowserContext;
let page: Page;
const SCHEMES: Scheme[] = ['light', 'dark'];

test.beforeAll(async ({ browser }) => {
  stack = await startStack();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close();
  await stack?.close();
});

async function open(screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: new RegExp(`^${screen}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
}

test('first run', async () => {
  await page.goto(stack.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to PrintReleaf Tray' })).toBeVisible();
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await auditScreen(page, 'first-run', scheme);
    await saveScreenshot(page, 'first-run', scheme);
  }
});

test('the other screens, with data', async () => {
  // A dealer's state after a few months: every customer mapped, one agent gone quiet.
  const customers = stack.sim.customers();
  stack.sim.staleAgent(customers[3]!.id, new Date(Date.now() - 8 * DAY_MS), null);
  await registerAll(stack, firstOfMonthsAgo(3));
  await stack.call('collectNow');
  // Certificates for the month the Certificates screen opens on.
  const previous = firstOfMonthsAgo(1).slice(0, 7);
  const month = (await stack.call('getCertificateMonth', { month: previous })).certifiable ? previous : firstOfMonthsAgo(2).slice(0, 7);
  await stack.call('issueCertificates', { month });
  await page.reload();

  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });

    await open('Dashboard');
    await expect(page.getByTestId('summary')).toContainText('needs attention');
    await auditScreen(page, 'dashboard', scheme);
    await saveScreenshot(page, 'dashboard', scheme);

    await open('Feeds');
    await expect(page.getByRole('table', { name: 'Feeds' }).getByRole('row')).not.toHaveCount(1);
    await auditScreen(page, 'feeds', scheme);
    await saveScreenshot(page, 'feeds', scheme);

    await page.getByRole('button', { name: 'Add feed', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a feed' });
    await expect(dialog).toBeVisible();
    const customer = dialog.getByRole('combobox', { name: 'Customer' });
    await expect(customer).toBeEnabled();
    await customer.click();
    await expect(dialog.getByRole('listbox')).toBeVisible();
    await auditScreen(page, 'feeds-add', scheme);
    await saveScreenshot(page, 'feeds-add', scheme);
    await customer.press('Escape');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await open('Certificates');
    await expect(page.getByTestId('pdf-page')).toHaveClass(/is-ready/, { timeout: 30_000 });
    await auditScreen(page, 'certificates', scheme);
    await saveScreenshot(page, 'certificates', scheme);

    await open('Servers');
    await expect(page.getByRole('heading', { level: 2, name: /\(?.+/ }).first()).toBeVisible();
    await auditScreen(page, 'servers', scheme);
    await saveScreenshot(page, 'servers', scheme);

    await open('Settings');
    await expect(page.getByRole('heading', { level: 2, name: 'Schedule' })).toBeVisible();
    await auditScreen(page, 'settings', scheme);
    await saveScreenshot(page, 'settings', scheme, true);
  }
});
