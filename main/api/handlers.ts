// The contract implemented once over the engine; every transport (Electron IPC, the web
// shell's HTTP, tests) calls `invoke`, which validates the input with zod first and answers
// with an envelope whose error is a sentence for the dealer.
import type { z } from 'zod';
import { join } from 'node:path';
import type { ApiErrorPayload, ApiMethod, ApiResult, AppInfo, EntityOption, FeedView, PrintReleafApi, ServerView, SettingsView } from '../../preload/api';
import { API_METHODS } from '../../preload/api';
import type { Engine } from '../engine/engine';
import { InputError, messageOf, OperationError } from '../engine/errors';
import { monthOf, monthRange } from '../engine/time/days';
import { monthReportCsv } from '../engine/reports';
import { secretNames } from '../engine/secrets/secret-store';
import { PrintTrackerError } from '../engine/printtracker/client';
import { demoConfig, startDemo, type RunningDemo } from '../engine/demo';
import { certificateMonth, issueOutcome, sendOutcome } from './certificates';
import { inputSchemas } from './schemas';
import { buildOverview } from './overview';
import type { LiveState } from './live-state';
import { feedView, runView, serverView } from './views';
import type { Settings } from '../engine/settings';

/** What differs between shells. */
export interface ShellHooks {
  shell: 'desktop' | 'web';
  version: string;
  /** Where exports go when the dealer is not asked (web) or cancels nothing (desktop asks). */
  chooseExportDirectory(month: string): Promise<string | null>;
  /** Desktop only: apply the launch-at-login setting to the OS. */
  setLaunchAtLogin?(enabled: boolean): Promise<void>;
  /** Keeps a demo simulator alive for the shell's lifetime. */
  onDemoStarted?(demo: RunningDemo): void;
  secretStoreDescription: string;
}

type Inputs = { [M in ApiMethod]: z.output<(typeof inputSchemas)[M]> };
type Implementation = { [M in ApiMethod]: (input: Inputs[M]) => ReturnType<PrintReleafApi[M]> };

export function errorPayload(err: unknown): ApiErrorPayload {
  if (err instanceof InputError) return { kind: 'input', message: err.message, ...(err.field ? { field: err.field } : {}) };
  if (err instanceof OperationError || err instanceof PrintTrackerError) return { kind: 'operation', message: err.message };
  return { kind: 'internal', message: `Something went wrong inside PrintReleaf Tray: ${messageOf(err)}` };
}

function dataUrlToLogo(dataUrl: string): { type: 'png' | 'jpeg'; base64: string } {
  const m = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!m) throw new InputError('The logo must be a PNG or JPEG image', 'dealerLogo');
  if (m[2]!.length > 2_800_000) throw new InputError('The logo is too large (2 MB at most)', 'dealerLogo');
  return { type: m[1] as 'png' | 'jpeg', base64: m[2]! };
}

export function createApi(engine: Engine, live: LiveState, hooks: ShellHooks) {
  const db = engine.ctx.db;

  async function servers(): Promise<ServerView[]> {
    const [list, feeds, names] = await Promise.all([db.servers.list(), db.feeds.list(), db.secrets.names()]);
    return list.map((s) => serverView(s, names.includes(secretNames.serverApiKey(s.id)), feeds.filter((f) => f.serverId === s.id).length));
  }

  async function serverById(id: number): Promise<ServerView> {
    const found = (await servers()).find((s) => s.id === id);
    if (!found) throw new InputError(`There is no server with ID ${id}`);
    return found;
  }

  async function feeds(): Promise<FeedView[]> {
    const calendar = await engine.calendar();
    const { first, last } = monthRange(monthOf(calendar.dayOf(engine.clock.now())));
    const [list, pages, devices] = await Promise.all([db.feeds.list(), db.ledger.pagesByFeed(first, last), db.ledger.deviceCounts()]);
    return list.map((f) => feedView(f, pages.get(f.id) ?? 0, devices.get(f.id) ?? 0));
  }

  async function feedById(id: number): Promise<FeedView> {
    const found = (await feeds()).find((f) => f.id === id);
    if (!found) throw new InputError(`There is no feed with ID ${id}`);
    return found;
  }

  async function settingsView(s?: Settings): Promise<SettingsView> {
    const settings = s ?? (await engine.settings());
    const { dealerLogo, ...rest } = settings;
    return {
      ...rest,
      dealerLogo: dealerLogo ? { type: dealerLogo.type, dataUrl: `data:image/${dealerLogo.type};base64,${dealerLogo.base64}` } : null,
      smtpPasswordSet: await engine.ctx.secrets.has(secretNames.smtpPassword),
      launchAtLoginAvailable: hooks.setLaunchAtLogin !== undefined,
    };
  }

  const impl: Implementation = {
    async getAppInfo(): Promise<AppInfo> {
      const s = await engine.settings();
      return {
        version: hooks.version,
        shell: hooks.shell,
        platform: process.platform,
        dataDir: engine.dataDir,
        timezone: s.timezone,
        locale: s.locale,
        secretStore: hooks.secretStoreDescription,
        demo: (await demoConfig(engine)) !== null,
      };
    },
    getOverview: () => buildOverview(engine, live.collecting),

    listServers: () => servers(),
    testServer: (input) => engine.servers.test(input),
    async addServer(input) {
      const s = await engine.servers.add(input);
      return serverById(s.id);
    },
    async replaceServerKey({ serverId, apiKey }) {
      await engine.servers.setKey(serverId, apiKey);
      return serverById(serverId);
    },
    async checkServer({ serverId }) {
      await engine.servers.check(serverId);
      return serverById(serverId);
    },
    async removeServer({ serverId }) {
      await engine.servers.remove(serverId);
    },
    async listEntities({ serverId }): Promise<EntityOption[]> {
      const [entities, mapped] = await Promise.all([engine.servers.entities(serverId), db.feeds.list({ serverId })]);
      const byEntity = new Map(mapped.map((f) => [f.entityId, f.id]));
      return entities.map((e) => ({ id: e.id, name: e.name, feedId: byEntity.get(e.id.toLowerCase()) ?? null }));
    },
    async startDemo() {
      if ((await db.servers.list()).length > 0) throw new InputError('The demo starts only in an empty data folder: a server is already registered');
      const { server, demo } = await startDemo(engine, { customers: 14 });
      hooks.onDemoStarted?.(demo);
      void engine.collect({ trigger: 'demo' }).catch(() => undefined); // results arrive as events
      return serverById(server.id);
    },

    listFeeds: () => feeds(),
    async addFeed(input) {
      const f = await engine.feeds.add(input);
      return feedById(f.id);
    },
    async addAllUnmapped(input) {
      const added = new Set((await engine.feeds.addAllUnmapped(input)).map((f) => f.id));
      return (await feeds()).filter((f) => added.has(f.id));
    },
    async updateFeed({ feedId, ...patch }) {
      await engine.feeds.update(feedId, patch);
      return feedById(feedId);
    },
    async pauseFeed({ feedId }) {
      await engine.feeds.pause(feedId);
      return feedById(feedId);
    },
    async resumeFeed({ feedId }) {
      await engine.feeds.resume(feedId);
      return feedById(feedId);
    },
    async removeFeed({ feedId }) {
      await engine.feeds.remove(feedId);
    },

    async collectNow() {
      const summary = await engine.collect({ trigger: 'manual' });
      const [run] = await db.runs.latest(1);
      if (!run || run.id !== summary.runId) throw new OperationError('The collection finished but its record could not be read');
      return runView(run);
    },
    async listRuns({ limit }) {
      return (await db.runs.latest(limit)).map(runView);
    },

    getCertificateMonth: ({ month }) => certificateMonth(engine, month),
    issueCertificates: ({ month }) => issueOutcome(engine, month),
    async getCertificatePdf({ certificateId }) {
      const certificate = await engine.certificates.get(certificateId);
      const bytes = await engine.certificates.pdf(certificateId);
      return { fileName: `${certificate.number}.pdf`, base64: bytes.toString('base64'), sha256: certificate.sha256 };
    },
    async exportCertificates({ month, certificateIds }) {
      const directory = await hooks.chooseExportDirectory(month);
      if (directory === null) return { directory: '', files: [] }; // the dealer cancelled
      const exported = certificateIds
        ? await Promise.all(certificateIds.map((id) => engine.certificates.exportOne(id, directory)))
        : await engine.certificates.exportMonth(month, directory);
      return { directory, files: exported.map((e) => e.path) };
    },
    sendCertificates: (input) => sendOutcome(engine, input),
    async getMonthReportCsv({ month }) {
      return { fileName: `printreleaf-${month}.csv`, csv: monthReportCsv(await engine.report(month)) };
    },

    getSettings: () => settingsView(),
    async updateSettings(input) {
      const { dealerLogo, ...rest } = input;
      const patch: Record<string, unknown> = { ...rest };
      if (dealerLogo !== undefined) patch['dealerLogo'] = dealerLogo === null ? null : dataUrlToLogo(dealerLogo);
      const updated = await engine.updateSettings(patch);
      if (input.launchAtLogin !== undefined) await hooks.setLaunchAtLogin?.(input.launchAtLogin);
      return settingsView(updated);
    },
    async setSmtpPassword({ password }) {
      await engine.ctx.secrets.set(secretNames.smtpPassword, password);
      return settingsView();
    },
    testSmtp: ({ to }) => engine.certificates.sendTest(to),
  };

  /** The one entry point of every transport. */
  async function invoke(method: string, input: unknown): Promise<ApiResult<unknown>> {
    if (!(API_METHODS as readonly string[]).includes(method)) return { ok: false, error: { kind: 'input', message: `Unknown API method ${method.slice(0, 60)}` } };
    const m = method as ApiMethod;
    const parsed = inputSchemas[m].safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { kind: 'input', message: issue?.message ?? 'Invalid input', ...(issue?.path.length ? { field: issue.path.join('.') } : {}) } };
    }
    try {
      const value = await (impl[m] as (i: unknown) => Promise<unknown>)(parsed.data);
      return { ok: true, value: value ?? null };
    } catch (err) {
      return { ok: false, error: errorPayload(err) };
    }
  }

  return { invoke, impl };
}

export type ApiService = ReturnType<typeof createApi>;

export function exportsDirectory(engine: Engine, month: string): string {
  return join(engine.dataDir, 'exports', month);
}
