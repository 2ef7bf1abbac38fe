// The only places the app opens outside itself, in the dealer's browser or mail program.
// Every other URL a page tries to navigate to or open is dropped. Electron-free.

const ALLOWED_HTTPS_HOSTS = new Set(['printreleaf.com', 'www.printtrackerpro.com']);

/** Whether `url` may be handed to shell.openExternal. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'mailto:') return isAddress(parsed.pathname);
  return parsed.protocol === 'https:' && ALLOWED_HTTPS_HOSTS.has(parsed.hostname) && parsed.port === '' && parsed.username === '' && parsed.password === '';
}

function isAddress(encoded: string): boolean {
  try {
    return /^[^\s@/\\]+@[^\s@/\\]+$/.test(decodeURIComponent(encoded));
  } catch {
    return false; // malformed %-escape
  }
}
