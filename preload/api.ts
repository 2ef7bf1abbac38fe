// The one typed contract between the UI and the engine: every call the renderer makes and
// every event it receives. Main implements it (`satisfies PrintReleafApi`), the preload
// exposes it over IPC, the web shell over HTTP, tests call it directly. Types only, plus the
// method list the transports share: nothing here may import Node or Electron.
//
// Times are epoch milliseconds; the renderer formats them in the dealer's zone
// (`AppInfo.timezone`). Inputs are validated in main, whatever the transport. No secret is
// ever part of a result: the renderer only learns whether one is stored.

export type Health = 'healthy' | 'unhealthy';
export type ServerHealth = Health | 'unknown';
export type Scope = 'all' | 'managed';

export interface AppInfo {
  version: string;
  shell: 'desktop' | 'web';
  platform: string;
  dataDir: string;
  timezone: string;
  locale: string;
  /** Where secrets are kept, in words ("macOS Keychain", "AES-256-GCM key file …"). */
  secretStore: string;
  /** True when the registered server is the embedded simulator. */
  demo: boolean;
}

export interface ServerView {
  id: number;
  name: string;
  url: string;
  entityId: string;
  entityName: string | null;
  health: ServerHealth;
  reason: string | null;
  changedAt: number | null;
  checkedAt: number | null;
  hasApiKey: boolean;
  feeds: number;
}

export interface ServerForm {
  url: string;
  entityId: string;
  apiKey: string;
  name?: string;
  caPem?: string | null;
}

export interface ServerTestResult {
  entityName: string;
  customers: number;
}

export interface EntityOption {
  id: string;
  name: string;
  /** The feed already mapped to this entity, if any. */
  feedId: number | null;
}

export interface FeedView {
  id: number;
  serverId: number;
  entityId: string;
  name: string;
  email: string | null;
  activationDate: string;
  scope: Scope;
  status: 'active' | 'paused';
  health: Health;
  reason: string | null;
  healthChangedAt: number | null;
  newestRead: number | null;
  lastCollectedAt: number | null;
  monthPages: number;
  monthTrees: number;
  devices: number;
}

export interface FeedForm {
  serverId: number;
  entityId: string;
  activationDate: string;
  scope: Scope;
  name?: string;
  email?: string | null;
}

export interface RunFeedView {
  feedId: number;
  name: string;
  status: 'ok' | 'skipped' | 'error';
  reads: number;
  pages: number;
  error: string | null;
}

export interface RunView {
  id: number;
  trigger: string;
  status: 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';
  startedAt: number;
  finishedAt: number | null;
  pages: number;
  feeds: RunFeedView[];
}

export interface CollectionProgress {
  runId: number;
  feedsDone: number;
  feedsTotal: number;
  current: { feedId: number; name: string; daysDone: number; daysTotal: number } | null;
}

export interface AttentionItem {
  kind: 'server-unhealthy' | 'server-key-missing' | 'feed-unhealthy' | 'feed-error' | 'certificates-due' | 'certificate-send-failed';
  severity: 'error' | 'warning';
  title: string;
  /** What it means for the customer's pages, in words. */
  detail: string;
  /** The action that fixes it (a screen to open). */
  action: { label: string; screen: Screen; id?: number };
}

export interface AnomalyView {
  feedId: number;
  feedName: string;
  kind: string;
  /** The anomaly in words ("Counter reset on device …"). */
  text: string;
  readAt: number | null;
  observedAt: number;
}

export interface Overview {
  /** The dashboard's one line of truth. */
  summary: string;
  status: 'empty' | 'healthy' | 'attention' | 'error' | 'collecting';
  servers: { total: number; healthy: number };
  feeds: { total: number; healthy: number; unhealthy: number; paused: number };
  month: { month: string; pages: number; trees: number };
  lastRun: RunView | null;
  nextRunAt: number | null;
  scheduleEnabled: boolean;
  collecting: CollectionProgress | null;
  attention: AttentionItem[];
  anomalies: AnomalyView[];
}

export type CertificateRowStatus = 'issued' | 'not-yet' | 'nothing-to-certify' | 'not-active' | 'activated-later';

export interface CertificateView {
  id: number;
  number: string;
  feedId: number | null;
  entityId: string;
  name: string;
  month: string;
  pages: number;
  carriedPages: number;
  trees: number;
  issuedAt: number;
  sha256: string;
  email: string | null;
  sent: { at: number; to: string; status: 'sent' | 'failed'; error: string | null } | null;
}

export interface CertificateMonth {
  month: string;
  /** Whether the month can be certified now, and if not, from when. */
  certifiable: boolean;
  certifiableFrom: number;
  rows: {
    feedId: number;
    name: string;
    entityId: string;
    status: CertificateRowStatus;
    ledgerPages: number;
    certificate: CertificateView | null;
  }[];
}

export interface IssueOutcome {
  month: string;
  issued: CertificateView[];
  skipped: { feedId: number; name: string; reason: string }[];
}

export interface SendOutcome {
  sent: { certificateId: number; to: string }[];
  failed: { certificateId: number; to: string | null; error: string }[];
  skipped: { certificateId: number; reason: string }[];
}

export interface ExportOutcome {
  directory: string;
  files: string[];
}

export interface SettingsView {
  timezone: string;
  graceDays: number;
  holidays: string[];
  scheduleTime: string;
  scheduleEnabled: boolean;
  concurrency: number;
  paper: 'letter' | 'a4';
  locale: string;
  dealerName: string;
  dealerLogo: { type: 'png' | 'jpeg'; dataUrl: string } | null;
  partnerText: string;
  statement: string;
  autoIssueCertificates: boolean;
  smtpHost: string;
  smtpPort: number;
  smtpUser: string;
  smtpFrom: string;
  smtpSecure: boolean;
  smtpPasswordSet: boolean;
  launchAtLogin: boolean;
  /** Only the desktop shell can launch at login. */
  launchAtLoginAvailable: boolean;
}

export type SettingsPatch = Partial<Omit<SettingsView, 'smtpPasswordSet' | 'launchAtLoginAvailable' | 'dealerLogo'>> & {
  /** A PNG or JPEG as a data URL, or null to remove the logo. */
  dealerLogo?: string | null;
};

export type Screen = 'dashboard' | 'feeds' | 'certificates' | 'servers' | 'settings' | 'first-run';

/** Events pushed to the UI. */
export type ApiEvent =
  | { type: 'run-started'; runId: number; feedsTotal: number }
  | { type: 'run-progress'; progress: CollectionProgress }
  | { type: 'run-finished'; runId: number; status: 'ok' | 'partial' | 'failed'; pages: number }
  | { type: 'health-changed'; subject: 'server' | 'feed'; id: number; name: string; health: Health; reason: string }
  | { type: 'data-changed'; what: 'servers' | 'feeds' | 'settings' | 'certificates' };

export interface PrintReleafApi {
  getAppInfo(): Promise<AppInfo>;
  getOverview(): Promise<Overview>;

  listServers(): Promise<ServerView[]>;
  /** Checks credentials without saving anything. */
  testServer(input: ServerForm): Promise<ServerTestResult>;
  /** Checks, then saves; nothing is saved when the check fails. */
  addServer(input: ServerForm): Promise<ServerView>;
  replaceServerKey(input: { serverId: number; apiKey: string }): Promise<ServerView>;
  checkServer(input: { serverId: number }): Promise<ServerView>;
  removeServer(input: { serverId: number }): Promise<void>;
  listEntities(input: { serverId: number }): Promise<EntityOption[]>;
  /** Registers the embedded simulator as a demo server and maps its customers. */
  startDemo(): Promise<ServerView>;

  listFeeds(): Promise<FeedView[]>;
  addFeed(input: FeedForm): Promise<FeedView>;
  addAllUnmapped(input: { serverId: number; activationDate: string; scope: Scope }): Promise<FeedView[]>;
  updateFeed(input: { feedId: number; name?: string; email?: string | null; scope?: Scope }): Promise<FeedView>;
  pauseFeed(input: { feedId: number }): Promise<FeedView>;
  resumeFeed(input: { feedId: number }): Promise<FeedView>;
  removeFeed(input: { feedId: number }): Promise<void>;

  /** Starts a collection, or joins the one running; resolves when it ends. */
  collectNow(): Promise<RunView>;
  listRuns(input: { limit: number }): Promise<RunView[]>;

  getCertificateMonth(input: { month: string }): Promise<CertificateMonth>;
  issueCertificates(input: { month: string }): Promise<IssueOutcome>;
  /** The issued PDF, exactly as issued (base64). */
  getCertificatePdf(input: { certificateId: number }): Promise<{ fileName: string; base64: string; sha256: string }>;
  /** Writes PDFs to a folder (desktop: one the dealer picks; web: the data folder's exports). */
  exportCertificates(input: { month: string; certificateIds?: number[] }): Promise<ExportOutcome>;
  sendCertificates(input: { month: string; feedId?: number; resend?: boolean }): Promise<SendOutcome>;
  /** The month report as CSV text (pages and trees per customer). */
  getMonthReportCsv(input: { month: string }): Promise<{ fileName: string; csv: string }>;

  getSettings(): Promise<SettingsView>;
  updateSettings(input: SettingsPatch): Promise<SettingsView>;
  /** Stores the SMTP password in the secret store; it is never sent back. */
  setSmtpPassword(input: { password: string }): Promise<SettingsView>;
  /** Sends a test message to the given address with the current SMTP settings. */
  testSmtp(input: { to: string }): Promise<{ messageId: string }>;
}

export type ApiMethod = keyof PrintReleafApi;

/** Every method, in one list shared by the transports (IPC channel names, HTTP routes). */
export const API_METHODS = [
  'getAppInfo',
  'getOverview',
  'listServers',
  'testServer',
  'addServer',
  'replaceServerKey',
  'checkServer',
  'removeServer',
  'listEntities',
  'startDemo',
  'listFeeds',
  'addFeed',
  'addAllUnmapped',
  'updateFeed',
  'pauseFeed',
  'resumeFeed',
  'removeFeed',
  'collectNow',
  'listRuns',
  'getCertificateMonth',
  'issueCertificates',
  'getCertificatePdf',
  'exportCertificates',
  'sendCertificates',
  'getMonthReportCsv',
  'getSettings',
  'updateSettings',
  'setSmtpPassword',
  'testSmtp',
] as const satisfies readonly ApiMethod[];

// Compile-time check that the list names every method exactly.
type MissingMethod = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
export const API_METHODS_COMPLETE: [MissingMethod] extends [never] ? true : MissingMethod = true;

/** An error as it crosses a transport: the dealer-facing message and its class. */
export interface ApiErrorPayload {
  kind: 'input' | 'operation' | 'internal';
  message: string;
  field?: string;
}

/** The typed API plus the event subscription, as the renderer uses it. */
export interface PrintReleafBridge extends PrintReleafApi {
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/**
 * What a transport carries: envelopes, not thrown errors (errors do not survive Electron's
 * IPC or contextBridge intact). The desktop preload exposes this as `window.printreleaf`.
 */
export interface ApiTransport {
  invoke(method: ApiMethod, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** Wraps a transport into the typed API (the renderer's view of it). */
export function bridgeOver(transport: ApiTransport): PrintReleafBridge {
  const bridge = Object.fromEntries(API_METHODS.map((m) => [m, async (input?: unknown) => unwrapResult(await transport.invoke(m, input ?? null))])) as unknown as PrintReleafApi;
  return Object.assign(bridge, { onEvent: (listener: (event: ApiEvent) => void) => transport.onEvent(listener) });
}

export const IPC_CHANNEL_PREFIX = 'printreleaf:';
export const IPC_EVENT_CHANNEL = 'printreleaf:event';

/** Every call crosses a transport as this envelope, so errors arrive as clean sentences. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };

/** The error a renderer-side call rejects with. */
export class ApiError extends Error {
  readonly kind: ApiErrorPayload['kind'];
  readonly field: string | undefined;
  constructor(payload: ApiErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.kind = payload.kind;
    this.field = payload.field;
  }
}

export function unwrapResult<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

/** The web shell's HTTP protocol: POST /api/<method> with the input as JSON body. */
export const WEB_TOKEN_HEADER = 'x-printreleaf-token';
export const WEB_EVENTS_PATH = '/api/events';
