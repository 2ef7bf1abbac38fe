// Dealer input, validated once at the boundary whatever the shell (CLI, IPC, HTTP). Each
// message names the exact problem in words a dealer understands (ui-guide.md).
import { z } from 'zod';
import { dayFromIso, isValidTimeZone } from './time/days';
import { InputError } from './errors';

export const ENTITY_ID_MESSAGE = 'An Entity ID is 24 characters, 0–9 and a–f';
export const API_KEY_MESSAGE = 'An API key is a UUID: 36 characters like a97153a6-f975-4826-a63e-03fe618b4531';

export const serverUrl = z
  .string()
  .trim()
  .min(1, 'Enter the URL of your Print Tracker API, e.g. https://papi.printtrackerpro.com')
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `Not a valid URL: ${value.slice(0, 80)}` });
      return z.NEVER;
    }
    if (url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `Only https:// server URLs are allowed (got ${url.protocol}//): Print Tracker is reached over HTTPS only` });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'The server URL must not contain a user name, password, query or fragment' });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  });

export const entityId = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{24}$/, ENTITY_ID_MESSAGE)
  .transform((s) => s.toLowerCase());

export const apiKey = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, API_KEY_MESSAGE);

export const isoDate = z
  .string()
  .trim()
  .refine((s) => {
    try {
      dayFromIso(s);
      return true;
    } catch {
      return false;
    }
  }, 'A date is written YYYY-MM-DD and must exist on the calendar, e.g. 2025-09-01');

export const activationDate = isoDate.refine((s) => s >= '2000-01-01', 'The activation date must be in the year 2000 or later');

export const month = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is written YYYY-MM, e.g. 2025-10');

export const timeZone = z
  .string()
  .trim()
  .refine(isValidTimeZone, 'Not a known time zone: use an IANA name like America/Chicago or Europe/London');

export const scope = z.enum(['all', 'managed'], { error: 'Sync settings are "all" (all devices) or "managed" (managed devices only)' });

export const email = z.email('Not a valid e-mail address').max(254);

export const feedName = z.string().trim().min(1, 'A customer name cannot be empty').max(200, 'A customer name is at most 200 characters');

export const id = z.coerce.number({ error: 'An ID is a whole number' }).int('An ID is a whole number').positive('An ID is a whole number');

/** Parses with a schema; on failure throws an InputError carrying the first problem in words. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, field?: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : field;
  throw new InputError(issue?.message ?? 'Invalid input', path);
}
