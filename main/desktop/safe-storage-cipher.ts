// The desktop's secret cipher: Electron safeStorage (macOS Keychain, Windows DPAPI, the
// Linux keyring) behind the engine's SecretCipher, with the async API only (the sync one is
// deprecated). safeStorage is passed in, so this runs in plain Node under test with a fake.
// On Linux without a keyring Electron falls back to "basic_text", which protects nothing:
// that backend is refused unless the dealer explicitly accepted the risk.
import type { SafeStorage } from 'electron';
import { OperationError } from '../engine/errors';
import { SecretUnavailableError, type SecretCipher } from '../engine/secrets/secret-store';

export const SAFE_STORAGE_CIPHER_ID = 'electron-safe-storage';
const VERSION = 'v1';

export type SafeStorageLike = Pick<SafeStorage, 'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'>;
export type StorageBackend = ReturnType<SafeStorage['getSelectedStorageBackend']>;

export interface SafeStorageCipherOptions {
  platform: NodeJS.Platform;
  /**
   * Linux with the basic_text backend only: whether the dealer accepts weak protection.
   * Main asks once (a dialog) and remembers the answer.
   */
  consentToBasicText(): Promise<boolean>;
}

export const BASIC_TEXT_REFUSED =
  'Secrets are not stored: this computer offers no system keyring to PrintReleaf Tray (Linux "basic_text" storage) and weak protection was declined. Start GNOME Keyring or KWallet, then restart PrintReleaf Tray.';
export const KEYCHAIN_UNAVAILABLE =
  'The system keychain is not available, so PrintReleaf Tray cannot store API keys or passwords safely. Unlock or set up the keychain, then try again.';

/** Where the key that protects secrets lives, in words for the dealer. */
export function describeSafeStorage(platform: NodeJS.Platform, backend: StorageBackend | null): string {
  if (platform === 'darwin') return 'macOS Keychain (Electron safeStorage)';
  if (platform === 'win32') return 'Windows DPAPI, tied to your Windows account (Electron safeStorage)';
  switch (backend) {
    case 'gnome_libsecret':
      return 'GNOME Keyring / libsecret (Electron safeStorage)';
    case 'kwallet':
    case 'kwallet5':
    case 'kwallet6':
      return 'KWallet (Electron safeStorage)';
    case 'basic_text':
      return 'Linux basic_text storage — weak: the key is kept beside the app, not in a keyring (Electron safeStorage)';
    default:
      return 'the system keyring (Electron safeStorage)';
  }
}

/** Whether basic_text storage needs the dealer's word: only on Linux, only for that backend. */
export function needsBasicTextConsent(platform: NodeJS.Platform, backend: StorageBackend | null): boolean {
  return platform === 'linux' && backend === 'basic_text';
}

export class SafeStorageCipher implements SecretCipher {
  readonly id = SAFE_STORAGE_CIPHER_ID;

  constructor(
    private readonly safe: SafeStorageLike,
    private readonly options: SafeStorageCipherOptions,
  ) {}

  get description(): string {
    return describeSafeStorage(this.options.platform, this.backend());
  }

  async encrypt(plain: string): Promise<string> {
    await this.ensureUsable(OperationError);
    const encrypted = await this.safe.encryptStringAsync(plain);
    return `${VERSION}:${Buffer.from(encrypted).toString('base64')}`;
  }

  async decrypt(ciphertext: string): Promise<string> {
    await this.ensureUsable(SecretUnavailableError);
    const [version, payload] = ciphertext.split(':');
    if (version !== VERSION || !payload) throw new SecretUnavailableError('A stored secret has an unknown format. Re-enter it.');
    try {
      const { result } = await this.safe.decryptStringAsync(Buffer.from(payload, 'base64'));
      return result;
    } catch {
      // The keychain entry changed (another user account, a reinstalled OS, a reset keyring).
      throw new SecretUnavailableError('A stored secret cannot be read any more (the keychain key that protected it changed). Re-enter it.');
    }
  }

  private backend(): StorageBackend | null {
    return this.options.platform === 'linux' ? this.safe.getSelectedStorageBackend() : null;
  }

  private async ensureUsable(ErrorClass: typeof OperationError): Promise<void> {
    if (!(await this.safe.isAsyncEncryptionAvailable())) throw new ErrorClass(KEYCHAIN_UNAVAILABLE);
    if (needsBasicTextConsent(this.options.platform, this.backend()) && !(await this.options.consentToBasicText())) {
      throw new ErrorClass(BASIC_TEXT_REFUSED);
    }
  }
}
