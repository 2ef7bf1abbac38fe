// As-you-type checks that mirror the engine's (main/engine/validation.ts) so the dealer sees
// the exact problem before sending; the engine stays authoritative and its message wins.
// Each rule returns the problem in words, or null when the value is fine.

export type Rule = (value: string) => string | null;

export const ENTITY_ID_MESSAGE = 'An Entity ID is 24 characters, 0–9 and a–f';
export const API_KEY_MESSAGE = 'An API key is a UUID: 36 characters like a97153a6-f975-4826-a63e-03fe618b4531';

export const serverUrlRule: Rule = (raw) => {
  const value = raw.trim();
  if (!value) return 'Enter the URL of your Print Tracker API, e.g. https://papi.printtrackerpro.com';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `Not a valid URL: ${value.slice(0, 80)}`;
  }
  if (url.protocol !== 'https:') return `Only https:// server URLs are allowed (got ${url.protocol}//): Print Tracker is reached over HTTPS only`;
  if (url.username || url.password || url.search || url.hash) return 'The server URL must not contain a user name, password, query or fragment';
  return null;
};

export const entityIdRule: Rule = (raw) => (/^[0-9a-fA-F]{24}$/.test(raw.trim()) ? null : ENTITY_ID_MESSAGE);

export const apiKeyRule: Rule = (raw) => (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(raw.trim()) ? null : API_KEY_MESSAGE);

export const optional =
  (rule: Rule): Rule =>
  (value) =>
    value.trim() === '' ? null : rule(value);

export const emailRule: Rule = (raw) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.trim()) && raw.trim().length <= 254 ? null : 'Not a valid e-mail address');

export const isoDateRule: Rule = (raw) => {
  const value = raw.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const fine = m !== null && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  return fine ? null : 'A date is written YYYY-MM-DD and must exist on the calendar, e.g. 2025-09-01';
};

export const activationDateRule: Rule = (raw) => {
  if (!raw.trim()) return 'Choose the activation date';
  return isoDateRule(raw) ?? (raw.trim() < '2000-01-01' ? 'The activation date must be in the year 2000 or later' : null);
};

export const feedNameRule: Rule = (raw) => {
  if (raw.trim().length === 0) return 'A customer name cannot be empty';
  return raw.trim().length > 200 ? 'A customer name is at most 200 characters' : null;
};

export const scheduleTimeRule: Rule = (raw) => (/^([01]\d|2[0-3]):[0-5]\d$/.test(raw) ? null : 'A time is written HH:MM (24 h), e.g. 02:00');

export function integerRule(min: number, max: number, what: string): Rule {
  return (raw) => {
    if (!/^\d+$/.test(raw.trim())) return `${what} is a whole number`;
    const n = Number(raw);
    return n < min || n > max ? `${what} is between ${min} and ${max}` : null;
  };
}
