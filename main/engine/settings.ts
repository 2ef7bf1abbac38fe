// Every setting the app has, its default and its validation. Stored as JSON in the database;
// the time zone defaults to the system's and is stored on first run (R4).
import { z } from 'zod';
import { InputError } from './errors';
import { isoDate, timeZone } from './validation';

// Says what the figures support — consumption measured and its tree equivalent — and no more.
export const DEFAULT_STATEMENT = 'Pages counted from the meter reads of your print devices for this period, with their equivalent in standard trees.';

const logo = z.object({ type: z.enum(['png', 'jpeg']), base64: z.string().min(1) });

export const settingsSchema = z.object({
  timezone: timeZone,
  graceDays: z.number().int().min(0).max(28),
  holidays: z.array(isoDate),
  scheduleTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is written HH:MM (24 h), e.g. 02:00'),
  scheduleEnabled: z.boolean(),
  serverCheckMinutes: z.number().int().min(1).max(1440),
  concurrency: z.number().int().min(1).max(32),
  paper: z.enum(['letter', 'a4']),
  locale: z.string().min(2).max(35),
  dealerName: z.string().max(200),
  dealerLogo: logo.nullable(),
  partnerText: z.string().max(500),
  statement: z.string().max(1000),
  autoIssueCertificates: z.boolean(),
  smtpHost: z.string().max(255),
  smtpPort: z.number().int().min(1).max(65535),
  smtpUser: z.string().max(255),
  smtpFrom: z.string().max(255),
  smtpSecure: z.boolean(),
  launchAtLogin: z.boolean(),
});

export type Settings = z.infer<typeof settingsSchema>;

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function defaultSettings(): Settings {
  return {
    timezone: systemTimeZone(),
    graceDays: 3,
    holidays: [],
    scheduleTime: '02:00',
    scheduleEnabled: true,
    serverCheckMinutes: 15,
    concurrency: 8,
    paper: 'letter',
    locale: 'en-US',
    dealerName: 'Your Print Partner',
    dealerLogo: null,
    partnerText: 'Trees are planted with PrintReleaf’s certified reforestation partners.',
    statement: DEFAULT_STATEMENT,
    autoIssueCertificates: true,
    smtpHost: '',
    smtpPort: 587,
    smtpUser: '',
    smtpFrom: '',
    smtpSecure: false,
    launchAtLogin: false,
  };
}

/** Stored values over defaults; a stored value that no longer validates falls back to its default. */
export function settingsFromStored(stored: Record<string, unknown>): Settings {
  const defaults = defaultSettings();
  const merged: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof Settings)[]) {
    if (!(key in stored)) continue;
    const field = settingsSchema.shape[key];
    const parsed = field.safeParse(stored[key]);
    if (parsed.success) merged[key] = parsed.data;
  }
  return merged as Settings;
}

/** Validates a partial update; throws InputError naming the setting and the problem. */
export function validateSettingsPatch(patch: Record<string, unknown>): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in settingsSchema.shape)) throw new InputError(`Unknown setting: ${key}`, key);
    const parsed = settingsSchema.shape[key as keyof Settings].safeParse(value);
    if (!parsed.success) throw new InputError(`${key}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`, key);
    out[key] = parsed.data;
  }
  return out as Partial<Settings>;
}
