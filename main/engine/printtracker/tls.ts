// Which certificate authorities the client trusts. Node's default store already includes
// NODE_EXTRA_CA_CERTS; an explicit `ca` option replaces that store, so when a per-server
// CA is given we rebuild the full list: Node's roots + NODE_EXTRA_CA_CERTS + that CA.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { PrintTrackerError } from './errors';

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Splits a PEM bundle into single certificates (Node does not parse back-to-back PEMs in one string reliably). */
export function splitPemCertificates(pem: string): string[] {
  return pem.match(PEM_CERT) ?? [];
}

function extraCaCertificates(env: NodeJS.ProcessEnv): string[] {
  const file = env['NODE_EXTRA_CA_CERTS'];
  if (!file) return [];
  try {
    return splitPemCertificates(readFileSync(file, 'utf8'));
  } catch {
    return []; // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS at start-up
  }
}

/**
 * The `ca` list for a server with its own CA, or undefined to use Node's default store.
 * Throws a 'tls' PrintTrackerError when the given CA text holds no certificate.
 */
export function trustedCertificates(caPem: string | null | undefined, env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (caPem == null || caPem.trim() === '') return undefined;
  const own = splitPemCertificates(caPem);
  if (own.length === 0) {
    throw new PrintTrackerError('tls', 'the CA certificate file holds no PEM certificate');
  }
  for (const pem of own) {
    try {
      new X509Certificate(pem); // Node's TLS layer would silently skip a broken one
    } catch {
      throw new PrintTrackerError('tls', 'the CA certificate file is not a valid certificate');
    }
  }
  return [...tls.rootCertificates, ...extraCaCertificates(env), ...own];
}

/** One secure context per client, so each new connection does not re-parse ~150 roots. */
export function secureContextFor(caPem: string | null | undefined): tls.SecureContext | undefined {
  const ca = trustedCertificates(caPem);
  return ca === undefined ? undefined : tls.createSecureContext({ ca });
}
