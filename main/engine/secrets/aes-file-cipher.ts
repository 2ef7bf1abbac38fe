// The headless secret cipher: AES-256-GCM with a 32-byte key taken from
// PRINTRELEAF_SECRET_KEY (base64) or from a key file created with mode 0600 in the data folder.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OperationError } from '../errors';
import type { SecretCipher } from './secret-store';

export const AES_FILE_CIPHER_ID = 'aes-256-gcm-file';
export const KEY_FILE_NAME = 'secret.key';
const VERSION = 'v1';

function keyFromEnv(value: string): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32) throw new OperationError('PRINTRELEAF_SECRET_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`).');
  return key;
}

function keyFromFile(dataDir: string): Buffer {
  const file = join(dataDir, KEY_FILE_NAME);
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new OperationError(`The secret key file ${file} is damaged (it must hold 32 bytes, base64).`);
  return key;
}

export function createAesFileCipher(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretCipher {
  const fromEnv = env['PRINTRELEAF_SECRET_KEY'];
  const key = fromEnv ? keyFromEnv(fromEnv) : keyFromFile(dataDir);
  return {
    id: AES_FILE_CIPHER_ID,
    description: fromEnv ? 'AES-256-GCM, key from PRINTRELEAF_SECRET_KEY' : `AES-256-GCM, key file ${join(dataDir, KEY_FILE_NAME)} (mode 0600)`,
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    async decrypt(ciphertext) {
      const [version, payload] = ciphertext.split(':');
      if (version !== VERSION || !payload) throw new Error('unknown secret format');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
