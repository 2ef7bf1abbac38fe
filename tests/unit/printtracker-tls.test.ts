import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBaseUrl } from '../../main/engine/printtracker/client';
import { PrintTrackerError } from '../../main/engine/printtracker/errors';
import { createTestCa, type TestCa } from '../../main/engine/printtracker/simulator/certs';
import { secureContextFor, splitPemCertificates, trustedCertificates } from '../../main/engine/printtracker/tls';

let serverCa: TestCa;
let corporateCa: TestCa;
let dir: string;

beforeAll(async () => {
  serverCa = await createTestCa('Per-server CA');
  corporateCa = await createTestCa('Corporate inspection CA');
  dir = mkdtempSync(join(tmpdir(), 'pt-tls-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trusted certificates', () => {
  it("uses Node's default store when no CA is given", () => {
    expect(trustedCertificates(undefined, {})).toBeUndefined();
    expect(trustedCertificates(null, {})).toBeUndefined();
    expect(trustedCertificates('  ', {})).toBeUndefined();
  });

  it('with a CA: Node roots + NODE_EXTRA_CA_CERTS + the CA (an explicit list replaces the default store)', () => {
    const extraFile = join(dir, 'extra.pem');
    writeFileSync(extraFile, corporateCa.certPem);
    const list = trustedCertificates(serverCa.certPem, { NODE_EXTRA_CA_CERTS: extraFile })!;
    expect(list.slice(0, tls.rootCertificates.length)).toEqual([...tls.rootCertificates]);
    expect(list.slice(tls.rootCertificates.length)).toEqual([corporateCa.certPem.trim(), serverCa.certPem.trim()]);
  });

  it('an unreadable NODE_EXTRA_CA_CERTS is skipped, not fatal', () => {
    const list = trustedCertificates(serverCa.certPem, { NODE_EXTRA_CA_CERTS: join(dir, 'missing.pem') })!;
    expect(list.length).toBe(tls.rootCertificates.length + 1);
  });

  it('splits a PEM bundle into its certificates', () => {
    const bundle = `${serverCa.certPem}${corporateCa.certPem}`; // back to back, as files often are
    expect(splitPemCertificates(bundle)).toEqual([serverCa.certPem.trim(), corporateCa.certPem.trim()]);
  });

  it('a CA file without a certificate is a TLS error with a plain reason', () => {
    expect(() => trustedCertificates('hello', {})).toThrow(PrintTrackerError);
    expect(() => secureContextFor('-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----')).toThrow(
      /not a valid certificate/,
    );
  });
});

describe('apiBaseUrl', () => {
  it.each([
    ['https://papi.printtrackerpro.com', 'https://papi.printtrackerpro.com/v1'],
    ['https://papi.printtrackerpro.com/', 'https://papi.printtrackerpro.com/v1'],
    ['https://papi.printtrackerpro.com/v1', 'https://papi.printtrackerpro.com/v1'],
    ['https://papi.printtrackerpro.com/v1/', 'https://papi.printtrackerpro.com/v1'],
    ['https://proxy.example:8443/pt', 'https://proxy.example:8443/pt/v1'],
    ['  https://papi.printtrackerpro.com?x=1#y ', 'https://papi.printtrackerpro.com/v1'],
  ])('%s → %s', (input, base) => {
    expect(apiBaseUrl(input).href).toBe(base);
  });

  it.each(['http://papi.printtrackerpro.com', 'HTTP://x', 'ws://x', 'papi.printtrackerpro.com', ''])('refuses %j', (input) => {
    try {
      apiBaseUrl(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PrintTrackerError);
      expect((e as PrintTrackerError).kind).toBe('insecure-url');
      expect((e as PrintTrackerError).reason).toMatch(/^Only https:\/\/ server URLs are allowed/);
    }
  });
});
