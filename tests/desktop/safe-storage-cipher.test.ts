// The desktop secret store: Electron safeStorage (faked behind its interface) as the
// engine's SecretCipher. Round trip, basic_text refused unless accepted, and a key that no
// longer decrypts: SecretUnavailableError in the SecretStore, an unhealthy server that says
// "re-enter it", the tray in red, and "Replace API key" bringing it back — with a real engine,
// SQLite file and the simulator over HTTPS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../main/api/handlers';
import { LiveState } from '../../main/api/live-state';
import { buildOverview } from '../../main/api/overview';
import {
  BASIC_TEXT_REFUSED,
  describeSafeStorage,
  KEYCHAIN_UNAVAILABLE,
  needsBasicTextConsent,
  SAFE_STORAGE_CIPHER_ID,
  SafeStorageCipher,
} from '../../main/desktop/safe-storage-cipher';
import { trayState } from '../../main/desktop/tray-state';
import { ManualClock } from '../../main/engine/clock';
import { Engine } from '../../main/engine/engine';
import { OperationError } from '../../main/engine/errors';
import { startSimulator, type Simulator } from '../../main/engine/printtracker/simulator/index';
import { secretNames, SecretUnavailableError } from '../../main/engine/secrets/secret-store';
import { FAST_CLIENT } from '../support/fixture';
import { FakeSafeStorage } from './support/fake-safe-storage';

const never = async (): Promise<boolean> => {
  throw new Error('the dealer must not be asked here');
};

describe('SafeStorageCipher', () => {
  it('round-trips a secret; the stored text is neither the secret nor its plain base64', async () => {
    const safe = new FakeSafeStorage();
    const cipher = new SafeStorageCipher(safe, { platform: 'darwin', consentToBasicText: never });
    const secret = 'pt-api-key-0123456789abcdef';
    const stored = await cipher.encrypt(secret);
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(Buffer.from(secret).toString('base64'));
    expect(await cipher.decrypt(stored)).toBe(secret);
    expect(cipher.id).toBe(SAFE_STORAGE_CIPHER_ID);
    expect(safe.calls).toEqual({ encrypt: 1, decrypt: 1 });
  });

  it('refuses the Linux basic_text backend unless the dealer accepted it', async () => {
    const safe = new FakeSafeStorage();
    safe.backend = 'basic_text';
    const refused = new SafeStorageCipher(safe, { platform: 'linux', consentToBasicText: async () => false });
    await expect(refused.encrypt('secret')).rejects.toThrow(BASIC_TEXT_REFUSED);
    await expect(refused.encrypt('secret')).rejects.toBeInstanceOf(OperationError);
    expect(safe.calls.encrypt).toBe(0); // nothing reached the weak store
    const stored = await new SafeStorageCipher(safe, { platform: 'linux', consentToBasicText: async () => true }).encrypt('secret');
    await expect(refused.decrypt(stored)).rejects.toBeInstanceOf(SecretUnavailableError);

    const accepted = new SafeStorageCipher(safe, { platform: 'linux', consentToBasicText: async () => true });
    expect(await accepted.decrypt(await accepted.encrypt('secret'))).toBe('secret');
  });

  it('asks nothing with a real keyring, or on macOS and Windows', async () => {
    const safe = new FakeSafeStorage();
    expect(await new SafeStorageCipher(safe, { platform: 'linux', consentToBasicText: never }).encrypt('x')).toMatch(/^v1:/);
    safe.backend = 'basic_text'; // not consulted outside Linux
    expect(await new SafeStorageCipher(safe, { platform: 'win32', consentToBasicText: never }).encrypt('x')).toMatch(/^v1:/);
    expect(needsBasicTextConsent('linux', 'basic_text')).toBe(true);
    expect(needsBasicTextConsent('linux', 'kwallet5')).toBe(false);
    expect(needsBasicTextConsent('darwin', 'basic_text')).toBe(false);
  });

  it('says so when the keychain is unavailable', async () => {
    const safe = new FakeSafeStorage();
    safe.available = false;
    const cipher = new SafeStorageCipher(safe, { platform: 'darwin', consentToBasicText: never });
    await expect(cipher.encrypt('x')).rejects.toThrow(KEYCHAIN_UNAVAILABLE);
    await expect(cipher.decrypt('v1:AAAA')).rejects.toBeInstanceOf(SecretUnavailableError);
  });

  it('a ciphertext the keychain key no longer opens is SecretUnavailableError', async () => {
    const safe = new FakeSafeStorage();
    const cipher = new SafeStorageCipher(safe, { platform: 'win32', consentToBasicText: never });
    const stored = await cipher.encrypt('secret');
    safe.rotateKey();
    await expect(cipher.decrypt(stored)).rejects.toBeInstanceOf(SecretUnavailableError);
    await expect(cipher.decrypt('garbage')).rejects.toBeInstanceOf(SecretUnavailableError);
  });

  it('names where the key lives', () => {
    expect(describeSafeStorage('darwin', null)).toMatch(/macOS Keychain/);
    expect(describeSafeStorage('win32', null)).toMatch(/DPAPI/);
    expect(describeSafeStorage('linux', 'gnome_libsecret')).toMatch(/GNOME Keyring/);
    expect(describeSafeStorage('linux', 'kwallet6')).toMatch(/KWallet/);
    expect(describeSafeStorage('linux', 'basic_text')).toMatch(/weak/);
  });
});

describe('the engine on safeStorage', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function setup(safe: FakeSafeStorage, consent: () => Promise<boolean> = never) {
    const now = new Date('2025-10-15T09:00:00Z');
    const sim: Simulator = await startSimulator({ seed: 41, customers: 2, devicesPerCustomer: 2, historyStart: new Date('2025-09-01T00:00:00Z'), now });
    cleanup.push(() => sim.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'printreleaf-desktop-secrets-'));
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const cipher = new SafeStorageCipher(safe, { platform: 'linux', consentToBasicText: consent });
    const engine = await Engine.open({ dataDir, cipher, clock: new ManualClock(now.getTime()), clientOptions: FAST_CLIENT });
    cleanup.push(() => engine.close());
    await engine.updateSettings({ timezone: 'UTC' });
    const live = new LiveState(engine.events);
    const api = createApi(engine, live, { shell: 'desktop', version: 'test', secretStoreDescription: cipher.description, chooseExportDirectory: async () => null });
    return { sim, engine, api, now };
  }

  it('a key that no longer decrypts: the server is unhealthy, says "re-enter it", the tray is red; replacing the key heals it', async () => {
    const safe = new FakeSafeStorage();
    const { sim, engine, api, now } = await setup(safe);
    const added = await api.invoke('addServer', { url: sim.url, entityId: sim.parentEntityId, apiKey: sim.apiKey, caPem: sim.caPem });
    expect(added.ok).toBe(true);
    const serverId = (added as { value: { id: number } }).value.id;
    expect(await engine.ctx.secrets.get(secretNames.serverApiKey(serverId))).toBe(sim.apiKey);

    safe.rotateKey(); // the keychain was reset: the stored key is unreadable now
    await expect(engine.ctx.secrets.get(secretNames.serverApiKey(serverId))).rejects.toBeInstanceOf(SecretUnavailableError);
    const [checked] = await engine.servers.check(serverId);
    expect(checked?.check.ok).toBe(false);
    expect(checked?.check.reason).toMatch(/re-enter it/i);
    expect(checked?.check.reason).not.toContain(sim.apiKey);

    const overview = await buildOverview(engine, null);
    expect(overview.status).toBe('error');
    expect(overview.attention[0]).toMatchObject({ kind: 'server-key-missing', severity: 'error', action: { screen: 'servers', id: serverId } });
    const tray = trayState({ engine: { state: 'ready' }, overview, progress: null, timeZone: 'UTC', locale: 'en-GB', now: now.getTime() });
    expect(tray.icon).toBe('error');
    expect(tray.tooltip).toMatch(/^API key cannot be read — re-enter it/);

    const replaced = await api.invoke('replaceServerKey', { serverId, apiKey: sim.apiKey });
    expect(replaced).toMatchObject({ ok: true, value: { id: serverId, health: 'healthy', hasApiKey: true } });
    expect((await buildOverview(engine, null)).status).not.toBe('error');
  });

  it('basic_text declined: adding a server fails with a sentence and saves nothing', async () => {
    const safe = new FakeSafeStorage();
    safe.backend = 'basic_text';
    const { sim, api } = await setup(safe, async () => false);
    const added = await api.invoke('addServer', { url: sim.url, entityId: sim.parentEntityId, apiKey: sim.apiKey, caPem: sim.caPem });
    expect(added).toEqual({ ok: false, error: { kind: 'operation', message: BASIC_TEXT_REFUSED } });
    expect(await api.invoke('listServers', null)).toEqual({ ok: true, value: [] });
  });
});
