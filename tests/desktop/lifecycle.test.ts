// The lifecycle decisions main.ts applies: one instance, close-to-tray with a one-time notice,
// hidden start at login, engine restarts; and the small stores behind them (preferences,
// the basic_text consent), window bounds and health notifications. Plain Node.
import { describe, expect, it } from 'vitest';
import { BASIC_TEXT_QUESTION, basicTextConsent } from '../../main/desktop/basic-text-consent';
import { healthNotifications, MAX_SEPARATE, type HealthEvent } from '../../main/desktop/health-notifications';
import { bringToFrontSteps, closeDecision, closeNotice, HIDDEN_FLAG, restartDelay, singleInstanceOutcome, startsHidden } from '../../main/desktop/lifecycle';
import { Preferences, type KeyValueStore } from '../../main/desktop/preferences';
import { DEFAULT_SIZE, MIN_SIZE, restoredBounds } from '../../main/desktop/window-bounds';

function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v) };
}

describe('single instance', () => {
  it('the first launch runs; a second one quits (the first focuses its window)', () => {
    expect(singleInstanceOutcome(true)).toBe('run');
    expect(singleInstanceOutcome(false)).toBe('quit');
  });

  it('bringing the window to the front: create, restore, show, focus as needed', () => {
    expect(bringToFrontSteps({ exists: false, visible: false, minimized: false })).toEqual(['create', 'show', 'focus']);
    expect(bringToFrontSteps({ exists: true, visible: false, minimized: false })).toEqual(['show', 'focus']);
    expect(bringToFrontSteps({ exists: true, visible: true, minimized: true })).toEqual(['restore', 'focus']);
    expect(bringToFrontSteps({ exists: true, visible: true, minimized: false })).toEqual(['focus']);
  });
});

describe('close to tray', () => {
  it('closing the window keeps the app running; the notice only the first time', () => {
    expect(closeDecision({ quitting: false, noticeShown: false })).toEqual({ keepRunning: true, showNotice: true });
    expect(closeDecision({ quitting: false, noticeShown: true })).toEqual({ keepRunning: true, showNotice: false });
  });

  it('quitting (tray Quit, OS shutdown) really closes, without a notice', () => {
    expect(closeDecision({ quitting: true, noticeShown: false })).toEqual({ keepRunning: false, showNotice: false });
  });

  it('the notice names where the app went on each system', () => {
    expect(closeNotice('win32').body).toContain('in the notification area');
    expect(closeNotice('darwin').body).toContain('in the menu bar');
    expect(closeNotice('linux').body).toContain('in the system tray');
    expect(closeNotice('win32').title).toBe('PrintReleaf Tray is still running');
  });

  it('the notice is remembered across starts (preferences)', () => {
    const store = memoryStore();
    const prefs = new Preferences(store);
    expect(prefs.get('closeNoticeShown')).toBe(false);
    prefs.set('closeNoticeShown', true);
    expect(new Preferences(store).get('closeNoticeShown')).toBe(true);
  });
});

describe('preferences', () => {
  it('a hand-edited or damaged value falls back to the default', () => {
    const prefs = new Preferences(memoryStore({ closeNoticeShown: 'yes', windowBounds: { x: 'a' }, basicTextConsent: 'maybe' }));
    expect(prefs.get('closeNoticeShown')).toBe(false);
    expect(prefs.get('windowBounds')).toBeNull();
    expect(prefs.get('basicTextConsent')).toBeNull();
  });
});

describe('start at login', () => {
  it('starts hidden in the tray when the OS opened it at login', () => {
    expect(startsHidden(['PrintReleaf Tray.exe', HIDDEN_FLAG], false)).toBe(true);
    expect(startsHidden(['PrintReleaf Tray'], true)).toBe(true);
    expect(startsHidden(['PrintReleaf Tray'], false)).toBe(false);
  });
});

describe('engine restarts', () => {
  const now = 10_000_000;
  it('restarts after 1 s, 5 s, 15 s, then gives up while it keeps dying', () => {
    expect(restartDelay([now], now)).toBe(1_000);
    expect(restartDelay([now - 1000, now], now)).toBe(5_000);
    expect(restartDelay([now - 2000, now - 1000, now], now)).toBe(15_000);
    expect(restartDelay([now - 3000, now - 2000, now - 1000, now], now)).toBeNull();
  });

  it('crashes long ago do not count', () => {
    expect(restartDelay([now - 3_600_000, now - 3_000_000, now - 2_000_000, now], now)).toBe(1_000);
  });
});

describe('basic_text consent', () => {
  it('asks once, remembers the answer, and shares one dialog between calls', async () => {
    const store = memoryStore();
    let asked = 0;
    const consent = basicTextConsent(new Preferences(store), async () => {
      asked++;
      await new Promise((r) => setTimeout(r, 10));
      return true;
    });
    expect(await Promise.all([consent(), consent(), consent()])).toEqual([true, true, true]);
    expect(await consent()).toBe(true);
    expect(asked).toBe(1);
    expect(store.data.get('basicTextConsent')).toBe('accepted');
  });

  it('a refusal is remembered too', async () => {
    const store = memoryStore();
    let asked = 0;
    const consent = basicTextConsent(new Preferences(store), async () => {
      asked++;
      return false;
    });
    expect(await consent()).toBe(false);
    expect(await consent()).toBe(false);
    expect(asked).toBe(1);
    expect(store.data.get('basicTextConsent')).toBe('refused');
  });

  it('the question explains the risk and defaults to not storing', () => {
    expect(BASIC_TEXT_QUESTION.detail).toMatch(/anyone who can read your files could read them/);
    expect(BASIC_TEXT_QUESTION.refuse).toBe("Don't store");
  });
});

describe('window bounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  it('reopens where it was when that is on a display', () => {
    expect(restoredBounds({ x: 100, y: 80, width: 1200, height: 800 }, screen)).toEqual({ x: 100, y: 80, width: 1200, height: 800 });
  });
  it('forgets a position on a display that is gone, keeps the size', () => {
    expect(restoredBounds({ x: 3000, y: 80, width: 1200, height: 800 }, screen)).toEqual({ width: 1200, height: 800 });
  });
  it('never smaller than the minimum; default size the first time', () => {
    expect(restoredBounds({ x: 10, y: 10, width: 200, height: 100 }, screen)).toEqual({ x: 10, y: 10, ...MIN_SIZE });
    expect(restoredBounds(null, screen)).toEqual(DEFAULT_SIZE);
  });
});

describe('health notifications', () => {
  const ev = (subject: 'server' | 'feed', id: number, health: 'healthy' | 'unhealthy', reason = 'no new meter reads for 3 business days'): HealthEvent => ({
    type: 'health-changed',
    subject,
    id,
    name: `${subject} ${id}`,
    health,
    reason,
  });

  it('one notification per change, in words, for a few changes', () => {
    const out = healthNotifications([ev('server', 1, 'unhealthy', 'API key rejected (401).'), ev('feed', 2, 'healthy')]);
    expect(out).toEqual([
      { title: 'server 1: collection paused', body: 'API key rejected (401). No pages are lost: they will be collected when it recovers.', urgent: true },
      { title: 'feed 2 is healthy again', body: 'Meter reads are arriving again.', urgent: false },
    ]);
  });

  it('the latest state of a subject wins (flapping is not announced twice)', () => {
    expect(healthNotifications([ev('feed', 1, 'unhealthy'), ev('feed', 1, 'healthy')])).toEqual([{ title: 'feed 1 is healthy again', body: 'Meter reads are arriving again.', urgent: false }]);
  });

  it('a burst (a server outage turning many feeds) becomes one summary', () => {
    const burst = [ev('server', 1, 'unhealthy'), ...[2, 3, 4, 5, 6].map((i) => ev('feed', i, 'unhealthy'))];
    expect(burst.length).toBeGreaterThan(MAX_SEPARATE);
    expect(healthNotifications(burst)).toEqual([{ title: '1 server and 5 feeds need attention', body: 'server 1, feed 2, feed 3 and 3 more. Open PrintReleaf Tray for details.', urgent: true }]);
  });
});
