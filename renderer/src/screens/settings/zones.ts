// Choices for the calendar: every IANA time zone the runtime knows (with its offset now),
// and a short list of locales for numbers and dates.

function offsetOf(zone: string, at: number): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
    return part?.value.replace('GMT', 'UTC') || 'UTC';
  } catch {
    return '';
  }
}

export function timeZoneOptions(current: string, at = Date.UTC(2025, 0, 15)): { value: string; label: string; detail: string }[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(current);
  return [...zones].sort().map((z) => ({ value: z, label: z.replace(/_/g, ' '), detail: offsetOf(z, at) }));
}

const LOCALES = ['en-US', 'en-CA', 'en-GB', 'en-AU', 'en-NZ', 'en-IE', 'fr-CA', 'fr-FR', 'de-DE', 'es-US', 'es-MX', 'es-ES', 'nl-NL', 'it-IT', 'pt-BR'];

export function localeOptions(current: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  const list = LOCALES.includes(current) ? LOCALES : [current, ...LOCALES];
  return list.map((l) => {
    let label = l;
    try {
      label = `${names.of(l) ?? l} (${l})`;
    } catch {
      // an unknown tag keeps its code as its name
    }
    return { value: l, label };
  });
}
