// The messages between the Electron main process and the engine's utility process, in one
// module both sides import. Every message that crosses is parsed with zod on arrival: a
// malformed one is dropped, never acted on. Electron-free (unit-tested in plain Node).
//
// main → engine: init, invoke (an API call), host-result (answer to a host call),
//                catch-up (the machine woke up), shutdown.
// engine → main: ready, fatal, result (answer to invoke), event (an ApiEvent),
//                host-call (what only main can do: safeStorage, dialogs, login item), log, closed.
import { z } from 'zod';
import { API_METHODS, type ApiEvent, type ApiResult } from '../../preload/api';

const requestId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().nonnegative();
/** A sentence for the dealer or the log; bounded so a runaway message cannot flood main. */
const sentence = z.string().max(20_000);

export const apiErrorPayloadSchema = z
  .object({ kind: z.enum(['input', 'operation', 'internal']), message: sentence, field: z.string().max(200).optional() })
  .strict();

export const apiResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: apiErrorPayloadSchema }).strict(),
]);

// Event payloads are stripped to the contract's fields rather than refused for an extra one.
const progressSchema = z.object({
  runId: count,
  feedsDone: count,
  feedsTotal: count,
  current: z.object({ feedId: count, name: z.string(), daysDone: count, daysTotal: count }).nullable(),
});

export const apiEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-started'), runId: count, feedsTotal: count }),
  z.object({ type: z.literal('run-progress'), progress: progressSchema }),
  z.object({ type: z.literal('run-finished'), runId: count, status: z.enum(['ok', 'partial', 'failed']), pages: z.number().int() }),
  z.object({
    type: z.literal('health-changed'),
    subject: z.enum(['server', 'feed']),
    id: count,
    name: z.string(),
    health: z.enum(['healthy', 'unhealthy']),
    reason: z.string(),
  }),
  z.object({ type: z.literal('data-changed'), what: z.enum(['servers', 'feeds', 'settings', 'certificates']) }),
]);

/** What the engine process asks of main, which alone holds safeStorage, dialogs and the login item. */
export const hostCallSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('encrypt'), plain: z.string().max(100_000) }).strict(),
  z.object({ op: z.literal('decrypt'), ciphertext: z.string().max(400_000) }).strict(),
  z.object({ op: z.literal('chooseExportDirectory'), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }).strict(),
  z.object({ op: z.literal('setLaunchAtLogin'), enabled: z.boolean() }).strict(),
]);

/** How a failed host call is rebuilt on the engine side (SecretUnavailableError, OperationError, Error). */
export const hostErrorSchema = z.object({ kind: z.enum(['unavailable', 'operation', 'internal']), message: sentence }).strict();

export const hostResultSchema = z.union([
  z.object({ type: z.literal('host-result'), id: requestId, ok: z.literal(true), value: z.string().nullable() }).strict(),
  z.object({ type: z.literal('host-result'), id: requestId, ok: z.literal(false), error: hostErrorSchema }).strict(),
]);

export const initMessageSchema = z
  .object({
    type: z.literal('init'),
    dataDir: z.string().min(1).max(4_096),
    version: z.string().max(100),
    /** Where secrets live, in words (decided in main, where safeStorage is). */
    cipherDescription: z.string().max(500),
    /** Start the nightly schedule (off in tests that drive collections themselves). */
    scheduler: z.boolean(),
  })
  .strict();

export const toEngineSchema = z.union([
  initMessageSchema,
  z.object({ type: z.literal('invoke'), id: requestId, method: z.enum(API_METHODS), input: z.unknown() }).strict(),
  hostResultSchema,
  z.object({ type: z.literal('catch-up') }).strict(),
  z.object({ type: z.literal('shutdown') }).strict(),
]);

export const fromEngineSchema = z.union([
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('fatal'), message: sentence }).strict(),
  z.object({ type: z.literal('result'), id: requestId, result: apiResultSchema }).strict(),
  z.object({ type: z.literal('event'), event: apiEventSchema }).strict(),
  z.object({ type: z.literal('host-call'), id: requestId, call: hostCallSchema }).strict(),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'error']), line: sentence }).strict(),
  z.object({ type: z.literal('closed') }).strict(),
]);

export type InitMessage = z.infer<typeof initMessageSchema>;
export type HostCall = z.infer<typeof hostCallSchema>;
export type HostError = z.infer<typeof hostErrorSchema>;
export type HostResultMessage = z.infer<typeof hostResultSchema>;
export type ToEngineMessage = z.infer<typeof toEngineSchema>;
export type FromEngineMessage = z.infer<typeof fromEngineSchema>;

/** The parsed message, or null for anything malformed (wrong shape, unknown type or method). */
export function parseToEngine(data: unknown): ToEngineMessage | null {
  const r = toEngineSchema.safeParse(data);
  return r.success ? r.data : null;
}

export function parseFromEngine(data: unknown): FromEngineMessage | null {
  const r = fromEngineSchema.safeParse(data);
  return r.success ? r.data : null;
}

// The schemas must describe the contract's own types exactly: these fail to compile otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventsMatch: Same<z.infer<typeof apiEventSchema>, ApiEvent> = true;
const resultsMatch: Same<z.infer<typeof apiResultSchema>, ApiResult<unknown>> = true;
void eventsMatch;
void resultsMatch;
