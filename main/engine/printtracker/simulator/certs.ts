// A throwaway certificate authority for the simulator (and for TLS tests): EC P-256 keys
// through WebCrypto are fast enough to make a fresh CA on every start.
import 'reflect-metadata'; // @peculiar/x509 1.x relies on the Reflect metadata API
import * as x509 from '@peculiar/x509';
import { isIP } from 'node:net';
import { webcrypto } from 'node:crypto';

// Key types as @peculiar/x509 declares them (DOM's), derived so this file also compiles
// where the DOM lib is absent (the app's tsconfig) and Node's webcrypto types are used.
type ProviderCrypto = ReturnType<typeof x509.cryptoProvider.get>;
type KeyPair = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'];

x509.cryptoProvider.set(webcrypto as unknown as ProviderCrypto);

const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

export interface TestCa {
  certPem: string;
  cert: x509.X509Certificate;
  keys: KeyPair;
}

export interface IssuedCert {
  certPem: string;
  keyPem: string;
}

export interface ServerCertOptions {
  /** Host names and IP addresses the certificate is valid for. */
  hosts: string[];
  notBefore?: Date;
  notAfter?: Date;
}

async function generateKeys(): Promise<KeyPair> {
  return (await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify'])) as unknown as KeyPair;
}

async function privateKeyPem(key: KeyPair['privateKey']): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key as unknown as webcrypto.CryptoKey));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

function serial(): string {
  // Positive, non-zero 16-byte serial (leading byte below 0x80 keeps it positive in DER).
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

export async function createTestCa(commonName = 'PrintReleaf Tray Simulator CA'): Promise<TestCa> {
  const keys = await generateKeys();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 5 * 365 * DAY_MS),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), cert, keys };
}

/** A leaf certificate for a TLS server, signed by `ca`. */
export async function issueServerCert(ca: TestCa, o: ServerCertOptions): Promise<IssuedCert> {
  const keys = await generateKeys();
  const now = Date.now();
  const names = o.hosts.map((h) => ({ type: isIP(h) ? ('ip' as const) : ('dns' as const), value: h }));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${o.hosts[0] ?? 'localhost'}`,
    issuer: ca.cert.subject,
    notBefore: o.notBefore ?? new Date(now - DAY_MS),
    notAfter: o.notAfter ?? new Date(now + 2 * 365 * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}
