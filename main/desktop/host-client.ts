// The engine process's side of host calls: what only main can do (safeStorage, dialogs, the
// login item) is asked for over the port and awaited. Also the SecretCipher the engine uses
// in the utility process, a proxy for main's SafeStorageCipher. Electron-free.
import { OperationError } from '../engine/errors';
import { SecretUnavailableError, type SecretCipher } from '../engine/secrets/secret-store';
import type { FromEngineMessage, HostCall, HostResultMessage } from './engine-protocol';
import { SAFE_STORAGE_CIPHER_ID } from './safe-storage-cipher';

type Pending = { resolve(value: string | null): void; reject(err: Error): void };

export class HostClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly post: (message: FromEngineMessage) => void) {}

  call(call: HostCall): Promise<string | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: 'host-call', id, call });
    });
  }

  /** Settles the call the answer belongs to; an answer to nothing is ignored. */
  settle(message: HostResultMessage): void {
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else if (message.error.kind === 'unavailable') waiting.reject(new SecretUnavailableError(message.error.message));
    else if (message.error.kind === 'operation') waiting.reject(new OperationError(message.error.message));
    else waiting.reject(new Error(message.error.message));
  }

  /** Fails every call still waiting (main went away). */
  abandon(reason: string): void {
    for (const p of this.pending.values()) p.reject(new OperationError(reason));
    this.pending.clear();
  }
}

/** The engine's cipher in the utility process: main encrypts and decrypts with safeStorage. */
export function createRemoteCipher(host: HostClient, description: string): SecretCipher {
  return {
    id: SAFE_STORAGE_CIPHER_ID,
    description,
    async encrypt(plain) {
      const value = await host.call({ op: 'encrypt', plain });
      if (value === null) throw new OperationError('The secret could not be encrypted');
      return value;
    },
    async decrypt(ciphertext) {
      const value = await host.call({ op: 'decrypt', ciphertext });
      if (value === null) throw new SecretUnavailableError('A stored secret could not be decrypted. Re-enter it.');
      return value;
    },
  };
}
