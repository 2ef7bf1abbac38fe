// The desktop's own small preferences, kept with electron-store: window bounds and UI
// choices only (the close-to-tray notice was shown; the answer to the basic_text question).
// Everything the engine needs lives in its database. Values are validated when read, so a
// hand-edited file cannot feed nonsense into the app.
import type ElectronStore from 'electron-store';
import { z } from 'zod';
import type { Bounds } from './window-bounds';

const boundsSchema = z.object({ x: z.number().finite(), y: z.number().finite(), width: z.number().positive(), height: z.number().positive() });

const schemas = {
  windowBounds: boundsSchema.nullable(),
  closeNoticeShown: z.boolean(),
  basicTextConsent: z.enum(['accepted', 'refused']).nullable(),
};

export interface PreferenceValues {
  windowBounds: Bounds | null;
  closeNoticeShown: boolean;
  basicTextConsent: 'accepted' | 'refused' | null;
}

const DEFAULTS: PreferenceValues = { windowBounds: null, closeNoticeShown: false, basicTextConsent: null };

/** The key-value store underneath (electron-store in the app, a Map in tests). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export class Preferences {
  constructor(private readonly store: KeyValueStore) {}

  get<K extends keyof PreferenceValues>(key: K): PreferenceValues[K] {
    const parsed = schemas[key].safeParse(this.store.get(key));
    return parsed.success ? (parsed.data as PreferenceValues[K]) : DEFAULTS[key];
  }

  set<K extends keyof PreferenceValues>(key: K, value: PreferenceValues[K]): void {
    this.store.set(key, value);
  }
}

/** electron-store 12 is ESM-only: loaded with import() from the CommonJS main bundle. */
export async function openPreferences(): Promise<Preferences> {
  const { default: Store } = (await import('electron-store')) as { default: typeof ElectronStore };
  const store = new Store<Record<string, unknown>>({ name: 'preferences', clearInvalidConfig: true });
  return new Preferences({ get: (k) => store.get(k), set: (k, v) => store.set(k, v) });
}
