import { describe, expect, it } from 'vitest';
import {
  PrintTrackerError,
  errorForNetworkFailure,
  errorForStatus,
  formatSeconds,
  parseRetryAfter,
  timeoutError,
} from '../../main/engine/printtracker/errors';

function sysError(code: string, message = `boom ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

describe('errorForStatus', () => {
  it.each([
    [401, 'auth', 'API key rejected (401)'],
    [403, 'auth', 'API key rejected (403)'],
    [404, 'not-found', 'Entity not found (404)'],
    [429, 'rate-limited', 'rate limited by Print Tracker (429)'],
    [500, 'server', 'Print Tracker server error (500)'],
    [503, 'server', 'Print Tracker server error (503)'],
    [418, 'http', 'unexpected HTTP status 418'],
    [302, 'http', 'unexpected HTTP status 302'],
  ] as const)('%i → %s "%s"', (status, kind, reason) => {
    const e = errorForStatus(status);
    expect(e).toBeInstanceOf(PrintTrackerError);
    expect(e).toBeInstanceOf(Error);
    expect([e.kind, e.reason, e.message, e.status]).toEqual([kind, reason, reason, status]);
  });

  it('retries only what may pass a moment later', () => {
    expect([429, 500, 502, 503].map((s) => errorForStatus(s).retryable)).toEqual([true, true, true, true]);
    expect([400, 401, 403, 404, 418].map((s) => errorForStatus(s).retryable)).toEqual([false, false, false, false, false]);
  });
});

describe('timeouts', () => {
  it.each([
    [30_000, '30'],
    [1_500, '1.5'],
    [200, '0.2'],
    [250, '0.25'],
    [5_000, '5'],
  ])('%i ms reads as "%s s"', (ms, text) => {
    expect(formatSeconds(ms)).toBe(text);
    expect(timeoutError(ms).reason).toBe(`timed out after ${text} s`);
    expect(timeoutError(ms).kind).toBe('timeout');
  });
});

describe('errorForNetworkFailure', () => {
  it.each([
    ['ECONNREFUSED', 'network', 'could not connect (connection refused)'],
    ['ENOTFOUND', 'network', 'server not found (DNS lookup failed)'],
    ['EAI_AGAIN', 'network', 'server not found (DNS lookup failed)'],
    ['ECONNRESET', 'network', 'connection dropped'],
    ['EPIPE', 'network', 'connection dropped'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', 'TLS certificate not trusted'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', 'TLS certificate not trusted'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', 'TLS certificate not trusted'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls', 'TLS certificate not trusted'],
    ['CERT_HAS_EXPIRED', 'tls', 'TLS certificate expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', 'TLS certificate does not match the server name'],
  ] as const)('%s → %s "%s"', (code, kind, reason) => {
    const e = errorForNetworkFailure(sysError(code, `getaddrinfo ${code} secret-host.example`));
    expect([e.kind, e.reason, e.code]).toEqual([kind, reason, code]);
    expect(e.message).not.toContain('secret-host'); // Node's own message is not passed on
  });

  it('"socket hang up" without a code is a dropped connection', () => {
    expect(errorForNetworkFailure(new Error('socket hang up')).reason).toBe('connection dropped');
  });

  it('TLS failures are final, network failures are retried', () => {
    expect(errorForNetworkFailure(sysError('CERT_HAS_EXPIRED')).retryable).toBe(false);
    expect(errorForNetworkFailure(sysError('ECONNRESET')).retryable).toBe(true);
    expect(errorForNetworkFailure(sysError('ECONNREFUSED')).retryable).toBe(true);
  });

  it('passes a PrintTrackerError through unchanged', () => {
    const e = errorForStatus(404);
    expect(errorForNetworkFailure(e)).toBe(e);
  });

  it('an unknown failure still gives a short sentence', () => {
    expect(errorForNetworkFailure(sysError('EWHATEVER')).reason).toBe('network error (EWHATEVER)');
    expect(errorForNetworkFailure('weird').reason).toBe('network error');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-10-15T12:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });
  it('reads an HTTP date, and a date in the past means now', () => {
    expect(parseRetryAfter('Wed, 15 Oct 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 15 Oct 2025 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
  });
});
