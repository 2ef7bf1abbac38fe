// Small HTTPS servers with deliberately bad certificates (expired, wrong name), signed by a
// CA the test controls, to check how the client names TLS failures.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTestCa, issueServerCert, type TestCa } from '../../main/engine/printtracker/simulator/certs';

export interface BadTlsServer {
  url: string;
  caPem: string;
  close(): Promise<void>;
}

export async function startBadTlsServer(kind: 'expired' | 'wrong-name', ca?: TestCa): Promise<BadTlsServer> {
  const authority = ca ?? (await createTestCa('Bad TLS test CA'));
  const day = 86_400_000;
  const leaf =
    kind === 'expired'
      ? await issueServerCert(authority, {
          hosts: ['127.0.0.1', 'localhost'],
          notBefore: new Date(Date.now() - 30 * day),
          notAfter: new Date(Date.now() - day),
        })
      : await issueServerCert(authority, { hosts: ['printtracker.example.com'] });
  const server = https.createServer({ key: leaf.keyPem, cert: leaf.certPem }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"x","name":"y"}');
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: authority.certPem,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
