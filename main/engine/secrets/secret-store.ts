// API keys and the SMTP password go through here and nowhere else. The database holds only
// ciphertext; the cipher's key lives outside it (OS keychain via Electron safeStorage on the
// desktop, a key file or environment variable headless). A data folder records which cipher
// it uses, so a shell that cannot open it says so instead of failing obscurely.
import type { SecretsRepository } from '../../../db/repositories/secrets';
import type { Clock } from '../clock';
import { OperationError } from '../errors';

export interface SecretCipher {
  /** Stable name recorded with every secret, e.g. "aes-256-gcm-file" or "electron-safe-storage". */
  readonly id: string;
  /** A sentence for the dealer naming where the key lives. */
  readonly description: string;
  encrypt(plain: string): Promise<string>;
  decrypt(ciphertext: string): Promise<string>;
}

/** A secret that exists but cannot be opened by this shell, or no longer decrypts. */
export class SecretUnavailableError extends OperationError {}

export class SecretStore {
  constructor(
    private readonly repo: SecretsRepository,
    private readonly cipher: SecretCipher,
    private readonly clock: Clock,
  ) {}

  get cipherId(): string {
    return this.cipher.id;
  }

  /** Where the key lives, in words. */
  get description(): string {
    return this.cipher.description;
  }

  async set(name: string, value: string): Promise<void> {
    const ciphertext = await this.cipher.encrypt(value);
    await this.repo.put(name, this.cipher.id, ciphertext, this.clock.now());
  }

  async has(name: string): Promise<boolean> {
    return (await this.repo.get(name)) !== null;
  }

  /** The secret in clear, null when none is stored. Throws SecretUnavailableError when it cannot be opened. */
  async get(name: string): Promise<string | null> {
    const row = await this.repo.get(name);
    if (!row) return null;
    if (row.store !== this.cipher.id) {
      throw new SecretUnavailableError(`This secret is kept by another secret store (${row.store}); this program uses ${this.cipher.id} and cannot open it. Re-enter it here.`);
    }
    try {
      return await this.cipher.decrypt(row.ciphertext);
    } catch {
      throw new SecretUnavailableError('A stored secret could not be decrypted (the key that protects it changed). Re-enter it.');
    }
  }

  async delete(name: string): Promise<void> {
    await this.repo.delete(name);
  }
}

export const secretNames = {
  serverApiKey: (serverId: number) => `server:${serverId}:api-key`,
  smtpPassword: 'smtp:password',
};
