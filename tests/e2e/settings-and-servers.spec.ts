// The forms that change the installation: settings saved per section (schedule, calendar
// with its searchable time zone, branding with a logo, the SMTP password that is stored but
// never shown back), and a server's key replaced (a bad key keeps the old one) and removed
// with its feeds after a confirmation.
import { expect, test } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import type { FeedView, ServerView, SettingsView } from '../../preload/api';
import { firstOfMonthsAgo, registerAll, startStack, type Stack } from './support/stack';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ customers: 4 });
  await registerAll(stack, firstOfMonthsAgo(1));
});

test.afterAll(async () => {
  await stack?.close();
});

/** A valid 2×2 PNG (what a dealer's logo file would be). */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8;
  header[9] = 2;
  const raw = Buffer.from([0, 44, 106, 78, 44, 106, 78, 0, 44, 106, 78, 44, 106, 78]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test('settings are saved section by section; the SMTP password is stored, never shown', async ({ page }) => {
  await page.goto(`${stack.url}#/settings`);
  const schedule = page.getByRole('region', { name: 'Schedule' });
  await expect(schedule.getByRole('button', { name: 'Save schedule' })).toBeDisabled(); // nothing changed yet
  await schedule.getByLabel('Time').fill('03:30');
  await schedule.getByLabel('Feeds collected at once').fill('40');
  await schedule.getByLabel('Feeds collected at once').blur();
  await expect(schedule.getByText('The number of feeds collected at once is between 1 and 32')).toBeVisible();
  await schedule.getByLabel('Feeds collected at once').fill('4');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByRole('button', { name: 'Save schedule' })).toBeDisabled();

  const calendar = page.getByRole('region', { name: 'Calendar' });
  const zone = calendar.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('chicago');
  await expect(calendar.getByRole('option', { name: /America\/Chicago|America Chicago/ })).toBeVisible();
  await zone.press('Enter');
  await expect(zone).toHaveValue('America/Chicago');
  await calendar.getByLabel('Add a holiday').fill('2026-12-25');
  await calendar.getByRole('button', { name: 'Add holiday' }).click();
  await expect(calendar.getByRole('button', { name: 'Remove holiday Dec 25, 2026' })).toBeVisible();
  await calendar.getByRole('button', { name: 'Save calendar' }).click();
  await expect(calendar.getByRole('button', { name: 'Save calendar' })).toBeDisabled();

  const certificates = page.getByRole('region', { name: 'Certificates' });
  await certificates.getByLabel('Dealer name').fill('Acme Office Systems');
  await certificates.getByRole('radio', { name: /A4/ }).check();
  await certificates.locator('input[type="file"]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: tinyPng() });
  await expect(certificates.getByRole('img', { name: 'Dealer logo' })).toBeVisible();
  await certificates.getByRole('button', { name: 'Save certificate settings' }).click();
  await expect(certificates.getByRole('button', { name: 'Save certificate settings' })).toBeDisabled();

  const email = page.getByRole('region', { name: 'E-mail' });
  await expect(email.getByText('No password stored')).toBeVisible();
  const password = email.getByLabel('SMTP password');
  await password.fill('s3cret-Passw0rd');
  await email.getByRole('button', { name: 'Store password' }).click();
  await expect(email.getByText('Password stored')).toBeVisible();
  await expect(password).toHaveValue('');

  const saved = (await stack.call('getSettings')) as SettingsView;
  expect(saved).toMatchObject({ scheduleTime: '03:30', concurrency: 4, timezone: 'America/Chicago', holidays: ['2026-12-25'], dealerName: 'Acme Office Systems', paper: 'a4', smtpPasswordSet: true });
  expect(saved.dealerLogo?.type).toBe('png');
  expect(JSON.stringify(saved)).not.toContain('s3cret-Passw0rd');
  expect(await page.content()).not.toContain('s3cret-Passw0rd');
});

test('a server: a bad replacement key keeps the old one; removal takes its feeds, after a confirmation', async ({ page }) => {
  await page.goto(`${stack.url}#/servers`);
  const card = page.getByRole('region', { name: stack.sim.parentName });
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Check now' }).click();
  await expect(card.getByRole('button', { name: 'Check now' })).toBeEnabled();

  await card.getByRole('button', { name: 'Replace API key' }).click();
  const dialog = page.getByRole('dialog', { name: /Replace the API key/ });
  await dialog.getByLabel('New API key').fill('not-a-key');
  await dialog.getByLabel('New API key').blur();
  await expect(dialog.getByText('An API key is a UUID: 36 characters like')).toBeVisible();
  await dialog.getByLabel('New API key').fill('00000000-0000-4000-8000-000000000000');
  await dialog.getByRole('button', { name: 'Check and replace key' }).click();
  await expect(dialog.getByRole('alert')).toContainText('API key rejected (401)');
  await expect(dialog.getByRole('alert')).toContainText('old key');
  await expect(dialog.getByLabel('New API key')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(((await stack.call('listServers')) as ServerView[])[0]).toMatchObject({ health: 'healthy', hasApiKey: true });

  const feeds = ((await stack.call('listFeeds')) as FeedView[]).length;
  await card.getByRole('button', { name: 'Remove' }).click();
  const confirm = page.getByRole('dialog', { name: `Remove ${stack.sim.parentName}?` });
  await expect(confirm).toContainText(`Its ${feeds} feeds are removed with it`);
  await confirm.getByRole('button', { name: 'Remove server and feeds' }).click();
  await expect(page.getByRole('heading', { name: 'No server registered yet' })).toBeVisible();
  expect(await stack.call('listServers')).toEqual([]);
  expect(await stack.call('listFeeds')).toEqual([]);
});
