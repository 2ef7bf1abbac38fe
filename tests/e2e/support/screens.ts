// Looking at a screen as a person and as assistive technology would: an axe-core audit that
// fails on serious or critical violations, and a screenshot kept for review.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './stack';

export const SCREENSHOT_DIR = join(ROOT, 'test-results/screens');

export type Scheme = 'light' | 'dark';

export async function auditScreen(page: Page, name: string, scheme: Scheme): Promise<void> {
  // Colours change with a short transition after a switch of scheme: audit the settled page.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const describe = blocking.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`).join('\n  ')}`).join('\n');
  const minor = results.violations.filter((v) => !blocking.includes(v));
  if (minor.length > 0) console.log(`[axe] ${name} (${scheme}) minor: ${minor.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('; ')}`);
  expect(blocking.map((v) => v.id), `${name} in ${scheme} mode has accessibility violations:\n${describe}`).toEqual([]);
}

/** The window as the dealer sees it; `whole` grows the window to the screen's full height first. */
export async function saveScreenshot(page: Page, name: string, scheme: Scheme, whole = false): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  if (whole && size) {
    const height = await page.locator('main').evaluate((main) => main.scrollHeight);
    await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.min(height, 4000)) });
  }
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`), animations: 'disabled', caret: 'hide' });
  if (whole && size) await page.setViewportSize(size);
}
