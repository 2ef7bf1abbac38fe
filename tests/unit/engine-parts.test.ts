// Small engine parts with rules of their own: R6 look-back, 429 back-off, R11 business days,
// the headless secret cipher and the settings validation.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AdaptiveLimiter } from '../../main/engine/collection/adaptive-limiter';
import { fetchStart } from '../../main/engine/collection/lookback';
import { businessDaysBetween, judgeFeedHealth } from '../../main/engine/health/feed-health';
import { createAesFileCipher, KEY_FILE_NAME } from '../../main/engine/secrets/aes-file-cipher';
import { validateSettingsPatch, settingsFromStored } from '../../main/engine/settings';
import { dayFromIso, LocalCalendar } from '../../main/engine/time/days';

const H = 3_600_000;
const D = 24 * H;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('R6 look-back', () => {
  const now = Date.parse('2025-10-15T02:00:00Z');
  const activationStart = Date.parse('2025-01-01T00:00:00Z');
  const base = { now, activationStart, unhealthy: false, unhealthyAnchorAt: null, recoveredAt: null };

  it('starts at the activation when the feed has no stored read', () => {
    expect(fetchStart({ ...base, deviceNewest: [] })).toBe(activationStart);
    expect(fetchStart({ ...base, deviceNewest: [null, null] })).toBe(activationStart);
  });

  it('reaches back 31 × 24 h from the newest stored read', () => {
    expect(fetchStart({ ...base, deviceNewest: [now - 2 * H, now - 5 * H] })).toBe(now - 2 * H - 31 * D);
  });

  it('reaches back to the newest read of a device silent for at most 90 × 24 h, not beyond', () => {
    expect(fetchStart({ ...base, deviceNewest: [now - H, now - 60 * D] })).toBe(now - 60 * D);
    expect(fetchStart({ ...base, deviceNewest: [now - H, now - 90 * D] })).toBe(now - 90 * D);
    expect(fetchStart({ ...base, deviceNewest: [now - H, now - 91 * D] })).toBe(now - H - 31 * D);
  });

  it('reaches back to the unhealthy anchor while unhealthy and until 31 days after recovery', () => {
    const anchor = now - 70 * D;
    expect(fetchStart({ ...base, deviceNewest: [now - H], unhealthy: true, unhealthyAnchorAt: anchor })).toBe(anchor);
    expect(fetchStart({ ...base, deviceNewest: [now - H], unhealthyAnchorAt: anchor, recoveredAt: now - 31 * D })).toBe(anchor);
    expect(fetchStart({ ...base, deviceNewest: [now - H], unhealthyAnchorAt: anchor, recoveredAt: now - 31 * D - 1 })).toBe(now - H - 31 * D);
  });

  it('never reaches before the activation', () => {
    expect(fetchStart({ ...base, activationStart: now - 10 * D, deviceNewest: [now - H] })).toBe(now - 10 * D);
  });
});

describe('adaptive concurrency', () => {
  it('never runs more than its limit, halves it on 429 and grows back after successes', async () => {
    const limiter = new AdaptiveLimiter(8, 4);
    let active = 0;
    let peak = 0;
    const task = async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 2));
      active--;
    };
    await Promise.all(Array.from({ length: 40 }, () => limiter.run(task)));
    expect(peak).toBe(8);
    limiter.onRateLimited();
    expect(limiter.limit).toBe(4);
    limiter.onRateLimited();
    limiter.onRateLimited();
    limiter.onRateLimited();
    expect(limiter.limit).toBe(1);
    peak = 0;
    await Promise.all(Array.from({ length: 3 }, () => limiter.run(task)));
    expect(peak).toBe(1);
    await Promise.all(Array.from({ length: 40 }, () => limiter.run(task)));
    expect(limiter.limit).toBeGreaterThan(1);
    expect(limiter.limit).toBeLessThanOrEqual(8);
  });
});

describe('R11 business days', () => {
  const fri = dayFromIso('2025-09-05');
  it('counts Monday–Friday strictly between two dates, less holidays', () => {
    expect(businessDaysBetween(fri, dayFromIso('2025-09-10'), new Set())).toBe(2);
    expect(businessDaysBetween(fri, dayFromIso('2025-09-11'), new Set())).toBe(3);
    expect(businessDaysBetween(fri, dayFromIso('2025-09-11'), new Set([dayFromIso('2025-09-08')]))).toBe(2);
    expect(businessDaysBetween(fri, fri, new Set())).toBe(0);
    expect(businessDaysBetween(fri, fri - 3, new Set())).toBe(0);
  });

  it('judges in the dealer zone: a read late on Friday in Chicago is a Friday read', () => {
    const chicago = new LocalCalendar('America/Chicago');
    const newest = Date.parse('2025-09-06T03:00:00Z'); // Fri 5 Sep 22:00 in Chicago
    const wed = judgeFeedHealth({ newestFetchedAt: newest, activationDate: '2025-08-01', now: Date.parse('2025-09-10T18:00:00Z'), calendar: chicago, holidays: [] });
    const thu = judgeFeedHealth({ newestFetchedAt: newest, activationDate: '2025-08-01', now: Date.parse('2025-09-11T18:00:00Z'), calendar: chicago, holidays: [] });
    expect([wed.health, thu.health]).toEqual(['healthy', 'unhealthy']);
    expect(thu.reason).toContain('Fri 5 Sep 2025');
  });

  it('is healthy when the newest read is today or later', () => {
    const utc = new LocalCalendar('UTC');
    const now = Date.parse('2025-09-10T12:00:00Z');
    expect(judgeFeedHealth({ newestFetchedAt: now + D, activationDate: '2025-01-01', now, calendar: utc, holidays: [] }).health).toBe('healthy');
  });
});

describe('headless secret cipher (AES-256-GCM)', () => {
  it('creates its key file with mode 0600 and round-trips secrets; ciphertext reveals nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printreleaf-secrets-'));
    dirs.push(dir);
    const cipher = createAesFileCipher(dir, {});
    if (process.platform !== 'win32') expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    const secret = 'a97153a6-f975-4826-a63e-03fe618b4531';
    const sealed = await cipher.encrypt(secret);
    expect(sealed).not.toContain(secret);
    expect(await cipher.encrypt(secret)).not.toBe(sealed); // fresh IV every time
    expect(await cipher.decrypt(sealed)).toBe(secret);
    const again = createAesFileCipher(dir, {});
    expect(await again.decrypt(sealed)).toBe(secret);
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expect(cipher.decrypt(tampered)).rejects.toThrow();
    expect(readFileSync(join(dir, KEY_FILE_NAME), 'utf8')).not.toContain(secret);
  });

  it('takes its key from PRINTRELEAF_SECRET_KEY and refuses a key of the wrong size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printreleaf-secrets-'));
    dirs.push(dir);
    const key = Buffer.alloc(32, 7).toString('base64');
    const a = createAesFileCipher(dir, { PRINTRELEAF_SECRET_KEY: key });
    const b = createAesFileCipher(join(dir, 'elsewhere'), { PRINTRELEAF_SECRET_KEY: key });
    expect(await b.decrypt(await a.encrypt('hello'))).toBe('hello');
    expect(() => createAesFileCipher(dir, { PRINTRELEAF_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow('PRINTRELEAF_SECRET_KEY must be 32 bytes');
  });
});

describe('settings', () => {
  it('validates every change and names the problem', () => {
    expect(validateSettingsPatch({ graceDays: 5, timezone: 'Europe/Paris' })).toEqual({ graceDays: 5, timezone: 'Europe/Paris' });
    expect(() => validateSettingsPatch({ timezone: 'Mars/Base' })).toThrow(/timezone: Not a known time zone/);
    expect(() => validateSettingsPatch({ scheduleTime: '25:00' })).toThrow(/A time is written HH:MM/);
    expect(() => validateSettingsPatch({ holidays: ['2025-02-30'] })).toThrow(/must exist on the calendar/);
    expect(() => validateSettingsPatch({ concurrency: 0 })).toThrow(/concurrency/);
    expect(() => validateSettingsPatch({ nonsense: 1 })).toThrow('Unknown setting: nonsense');
  });

  it('falls back to the default for a stored value that no longer validates', () => {
    const s = settingsFromStored({ graceDays: 5, paper: 'tabloid', timezone: 'Asia/Tokyo' });
    expect([s.graceDays, s.paper, s.timezone]).toEqual([5, 'letter', 'Asia/Tokyo']);
  });
});

describe('a data folder records its secret store', () => {
  it('refuses to open with another store once secrets exist, and says which', async () => {
    const { Engine } = await import('../../main/engine/engine');
    const dir = mkdtempSync(join(tmpdir(), 'printreleaf-store-'));
    dirs.push(dir);
    const first = await Engine.open({ dataDir: dir });
    await first.ctx.secrets.set('smtp:password', 'x');
    await first.close();
    const other = { id: 'electron-safe-storage', description: 'OS keychain', encrypt: async (s: string) => s, decrypt: async (s: string) => s };
    await expect(Engine.open({ dataDir: dir, cipher: other })).rejects.toThrow(
      'This data folder keeps its secrets in "aes-256-gcm-file", which this program cannot open (it uses "electron-safe-storage"). Use the program that created it, or another data folder.',
    );
    const again = await Engine.open({ dataDir: dir });
    expect(await again.ctx.secrets.get('smtp:password')).toBe('x');
    await again.close();
  });
});
