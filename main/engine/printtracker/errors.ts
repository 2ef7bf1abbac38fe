// Every failure talking to Print Tracker becomes one PrintTrackerError whose `reason` is a
// plain sentence a dealer can read. Reasons never carry the API key, a URL or a body.

export type PrintTrackerErrorKind =
  | 'insecure-url'
  | 'auth'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'http'
  | 'timeout'
  | 'tls'
  | 'network'
  | 'malformed'
  | 'aborted';

export interface PrintTrackerErrorDetails {
  status?: number;
  /** Low-level error code (ECONNREFUSED, CERT_HAS_EXPIRED, …) for logs; never a secret. */
  code?: string;
  /** How long the server asked us to wait (Retry-After), already capped. */
  retryAfterMs?: number;
}

export class PrintTrackerError extends Error {
  readonly kind: PrintTrackerErrorKind;
  readonly status?: number;
  readonly reason: string;
  readonly code?: string;
  readonly retryAfterMs?: number;

  constructor(kind: PrintTrackerErrorKind, reason: string, details: PrintTrackerErrorDetails = {}) {
    super(reason);
    this.name = 'PrintTrackerError';
    this.kind = kind;
    this.reason = reason;
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  /** Worth another attempt: the same request may well succeed a moment later. */
  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
  }
}

export function errorForStatus(status: number, retryAfterMs?: number): PrintTrackerError {
  const details: PrintTrackerErrorDetails = { status };
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  if (status === 401 || status === 403) return new PrintTrackerError('auth', `API key rejected (${status})`, details);
  if (status === 404) return new PrintTrackerError('not-found', 'Entity not found (404)', details);
  if (status === 429) return new PrintTrackerError('rate-limited', 'rate limited by Print Tracker (429)', details);
  if (status >= 500 && status <= 599) {
    return new PrintTrackerError('server', `Print Tracker server error (${status})`, details);
  }
  return new PrintTrackerError('http', `unexpected HTTP status ${status}`, details);
}

/** 30000 → "30", 1500 → "1.5", 200 → "0.2". */
export function formatSeconds(ms: number): string {
  return String(Math.round(ms / 10) / 100);
}

export function timeoutError(timeoutMs: number): PrintTrackerError {
  return new PrintTrackerError('timeout', `timed out after ${formatSeconds(timeoutMs)} s`);
}

export function malformedError(detail: string): PrintTrackerError {
  return new PrintTrackerError('malformed', `unexpected response: ${detail}`);
}

export function abortedError(): PrintTrackerError {
  return new PrintTrackerError('aborted', 'request cancelled');
}

// OpenSSL verification codes that mean "we do not trust who signed this".
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_REVOKED',
]);

const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);

/** Maps a Node socket/TLS error to a dealer-readable PrintTrackerError. */
export function errorForNetworkFailure(err: unknown): PrintTrackerError {
  if (err instanceof PrintTrackerError) return err;
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : undefined;
  const message = err instanceof Error ? err.message : '';
  const details: PrintTrackerErrorDetails = code === undefined ? {} : { code };

  if (code === 'CERT_HAS_EXPIRED') return new PrintTrackerError('tls', 'TLS certificate expired', details);
  if (code === 'CERT_NOT_YET_VALID') return new PrintTrackerError('tls', 'TLS certificate not yet valid', details);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    return new PrintTrackerError('tls', 'TLS certificate does not match the server name', details);
  }
  if (code !== undefined && UNTRUSTED_CODES.has(code)) {
    return new PrintTrackerError('tls', 'TLS certificate not trusted', details);
  }
  if (code === 'EPROTO' || (code !== undefined && code.startsWith('ERR_SSL_')) || code === 'ERR_TLS_HANDSHAKE_TIMEOUT') {
    return new PrintTrackerError('tls', 'TLS handshake failed', details);
  }
  if (code === 'ECONNREFUSED') return new PrintTrackerError('network', 'could not connect (connection refused)', details);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') {
    return new PrintTrackerError('network', 'server not found (DNS lookup failed)', details);
  }
  if ((code !== undefined && DROPPED_CODES.has(code)) || /socket hang up|aborted/i.test(message)) {
    return new PrintTrackerError('network', 'connection dropped', details);
  }
  if (code === 'ETIMEDOUT') return new PrintTrackerError('network', 'could not connect (timed out)', details);
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'ENETDOWN' || code === 'EHOSTDOWN') {
    return new PrintTrackerError('network', 'could not connect (network unreachable)', details);
  }
  return new PrintTrackerError('network', code === undefined ? 'network error' : `network error (${code})`, details);
}

/**
 * Retry-After: delta-seconds or an HTTP date. Returns milliseconds (≥ 0), or null when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number = Date.now()): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return null;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null; // a bare number with a sign or fraction is not an HTTP date
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.max(0, at - nowMs);
}
