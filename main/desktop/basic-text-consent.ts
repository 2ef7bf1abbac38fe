// The dealer's one-time answer to "store secrets without a keyring?" (Linux basic_text).
// Asked at the first secret that needs it, remembered in the preferences, never asked again;
// calls that arrive while the question is open share its answer. Electron-free.
import type { Preferences } from './preferences';

export const BASIC_TEXT_QUESTION = {
  title: 'No keyring to protect your API keys',
  message: 'Store API keys and passwords without a keyring?',
  detail:
    'PrintReleaf Tray found no system keyring on this computer (such as GNOME Keyring or KWallet). ' +
    'Without one, your Print Tracker API keys and the SMTP password are stored with a key that is kept ' +
    'beside the app: anyone who can read your files could read them.\n\n' +
    'Choose "Store without a keyring" only if this computer is yours alone. Otherwise choose ' +
    '"Don\'t store", start a keyring, and restart PrintReleaf Tray.',
  accept: 'Store without a keyring',
  refuse: "Don't store",
};

export function basicTextConsent(preferences: Preferences, ask: () => Promise<boolean>): () => Promise<boolean> {
  let asking: Promise<boolean> | null = null;
  return async () => {
    const stored = preferences.get('basicTextConsent');
    if (stored) return stored === 'accepted';
    asking ??= ask().then(
      (accepted) => {
        preferences.set('basicTextConsent', accepted ? 'accepted' : 'refused');
        return accepted;
      },
      () => false, // no answer (dialog failed): refuse, ask again next time
    );
    try {
      return await asking;
    } finally {
      asking = null;
    }
  };
}
