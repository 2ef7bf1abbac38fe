// `config set KEY VALUE` · `config get`: every setting, with the CLI's kebab-case names.
import { readFileSync } from 'node:fs';
import { InputError } from '../../engine/errors';
import { secretNames } from '../../engine/secrets/secret-store';
import { validateSettingsPatch, type Settings } from '../../engine/settings';
import { allowOnly } from '../args';
import type { CliContext } from '../context';
import { readSecret } from '../secrets-input';

type Converter = (value: string) => unknown;

const asInt: Converter = (v) => {
  if (!/^\d+$/.test(v)) throw new InputError(`Expected a whole number, got "${v}"`);
  return Number(v);
};
const asBool: Converter = (v) => {
  if (/^(true|yes|on|1)$/i.test(v)) return true;
  if (/^(false|no|off|0)$/i.test(v)) return false;
  throw new InputError(`Expected true or false, got "${v}"`);
};
const asText: Converter = (v) => v;
const asList: Converter = (v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const asLogo: Converter = (path) => {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new InputError(`Cannot read the logo file ${path}`);
  }
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { type: 'png', base64: bytes.toString('base64') };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { type: 'jpeg', base64: bytes.toString('base64') };
  throw new InputError('The logo must be a PNG or JPEG image');
};

/** CLI name → setting and how to read its value. */
export const CONFIG_KEYS: Record<string, { key: keyof Settings; convert: Converter }> = {
  timezone: { key: 'timezone', convert: asText },
  'grace-days': { key: 'graceDays', convert: asInt },
  holidays: { key: 'holidays', convert: asList },
  'schedule-time': { key: 'scheduleTime', convert: asText },
  'schedule-enabled': { key: 'scheduleEnabled', convert: asBool },
  'server-check-minutes': { key: 'serverCheckMinutes', convert: asInt },
  concurrency: { key: 'concurrency', convert: asInt },
  paper: { key: 'paper', convert: (v) => v.toLowerCase() },
  locale: { key: 'locale', convert: asText },
  'dealer-name': { key: 'dealerName', convert: asText },
  'dealer-logo': { key: 'dealerLogo', convert: (v) => (v === '' || v === 'none' ? null : asLogo(v)) },
  'partner-text': { key: 'partnerText', convert: asText },
  statement: { key: 'statement', convert: asText },
  'auto-issue-certificates': { key: 'autoIssueCertificates', convert: asBool },
  'smtp-host': { key: 'smtpHost', convert: asText },
  'smtp-port': { key: 'smtpPort', convert: asInt },
  'smtp-user': { key: 'smtpUser', convert: asText },
  'smtp-from': { key: 'smtpFrom', convert: asText },
  'smtp-secure': { key: 'smtpSecure', convert: asBool },
  'launch-at-login': { key: 'launchAtLogin', convert: asBool },
};

function display(settings: Settings, smtpPasswordSet: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, { key }] of Object.entries(CONFIG_KEYS)) {
    const value = settings[key];
    out[name] = key === 'dealerLogo' && value ? `${(value as { type: string }).type.toUpperCase()} image, ${Math.round(((value as { base64: string }).base64.length * 3) / 4 / 1024)} KB` : value;
  }
  out['smtp-password'] = smtpPasswordSet ? 'set' : 'not set';
  return out;
}

export async function configCommand(ctx: CliContext, sub: string | undefined, rest: string[]): Promise<number> {
  allowOnly(ctx.args, `config ${sub ?? ''}`.trim(), []);
  if (sub === 'get') {
    const engine = await ctx.engine();
    if (rest.length > 1) throw new InputError('Usage: config get [KEY]');
    const all = display(await engine.settings(), await engine.ctx.secrets.has(secretNames.smtpPassword));
    if (rest.length === 1) {
      if (!(rest[0]! in all)) throw new InputError(`Unknown setting: ${rest[0]}. Settings: ${Object.keys(all).join(', ')}`);
      ctx.out.result({ [rest[0]!]: all[rest[0]!] }, () => String(all[rest[0]!]));
      return 0;
    }
    ctx.out.result({ settings: all }, () =>
      Object.entries(all)
        .map(([k, v]) => `${k.padEnd(24)} ${Array.isArray(v) ? v.join(',') : String(v)}`)
        .join('\n'),
    );
    return 0;
  }
  if (sub === 'set') {
    const [name, value] = rest;
    if (name === 'smtp-password') {
      if (rest.length !== 1) throw new InputError('The SMTP password is read from PRINTRELEAF_SMTP_PASSWORD or stdin, never from an argument');
      const password = await readSecret('PRINTRELEAF_SMTP_PASSWORD', 'SMTP password: ', ctx.env);
      if (!password) throw new InputError('No SMTP password given (set PRINTRELEAF_SMTP_PASSWORD or pipe it on stdin)');
      const engine = await ctx.engine();
      await engine.ctx.secrets.set(secretNames.smtpPassword, password);
      ctx.out.result({ 'smtp-password': 'set' }, () => 'smtp-password set');
      return 0;
    }
    if (name === undefined || value === undefined || rest.length !== 2) throw new InputError('Usage: config set KEY VALUE');
    const spec = CONFIG_KEYS[name];
    if (!spec) throw new InputError(`Unknown setting: ${name}. Settings: ${[...Object.keys(CONFIG_KEYS), 'smtp-password'].join(', ')}`);
    let converted: unknown;
    try {
      converted = spec.convert(value);
    } catch (err) {
      throw new InputError(`${name}: ${(err as Error).message}`);
    }
    let patch: Partial<Settings>;
    try {
      patch = validateSettingsPatch({ [spec.key]: converted }); // rejected before anything is opened
    } catch (err) {
      if (err instanceof InputError) throw new InputError(err.message.replace(`${spec.key}:`, `${name}:`));
      throw err;
    }
    const settings = await (await ctx.engine()).updateSettings(patch);
    const shown = display(settings, false)[name];
    ctx.out.result({ [name]: shown }, () => `${name} = ${Array.isArray(shown) ? shown.join(',') : String(shown)}`);
    return 0;
  }
  throw new InputError('Usage: config set KEY VALUE | config get [KEY]');
}
