// A stand-in for Electron's safeStorage with the same async surface: AES-GCM under a key that
// plays the OS keychain's. `rotateKey()` is what a reset keychain or another user account
// does to stored secrets: they no longer decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike, StorageBackend } from '../../../main/desktop/safe-storage-cipher';

export class FakeSafeStorage implements SafeStorageLike {
  private key = randomBytes(32);
  available = true;
  backend: StorageBackend = 'gnome_libsecret';
  calls = { encrypt: 0, decrypt: 0 };

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.encrypt++;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plainText, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    this.calls.decrypt++;
    const d = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12));
    d.setAuthTag(encrypted.subarray(12, 28));
    const result = Buffer.concat([d.update(encrypted.subarray(28)), d.final()]).toString('utf8');
    return { shouldReEncrypt: false, result };
  }

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }

  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  }

  rotateKey(): void {
    this.key = randomBytes(32);
  }
}
